/** Ablation: … + our transport's request rebuild (POST body read back, headers copied, new Request). */
import type { Peer, PeerOptions } from "./fixtures";
import { createAblationPeer, transportSteps } from "./openapi-fetch-ablation";

export const createPeer = (options: PeerOptions): Peer =>
  createAblationPeer(options, transportSteps({ rebuildRequest: true, timeout: false }));
