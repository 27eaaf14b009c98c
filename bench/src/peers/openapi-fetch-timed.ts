/** Ablation: … + our transport's per-attempt timeout (AbortController, timer, signal). */
import type { Peer, PeerOptions } from "./fixtures";
import { createAblationPeer, transportSteps } from "./openapi-fetch-ablation";

export const createPeer = (options: PeerOptions): Peer =>
  createAblationPeer(options, transportSteps({ rebuildRequest: true, timeout: true }));
