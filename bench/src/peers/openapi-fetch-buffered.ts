/** Ablation: bare openapi-fetch + our transport's response buffering. */
import type { Peer, PeerOptions } from "./fixtures";
import { createAblationPeer, transportSteps } from "./openapi-fetch-ablation";

export const createPeer = (options: PeerOptions): Peer =>
  createAblationPeer(options, transportSteps({ rebuildRequest: false, timeout: false }));
