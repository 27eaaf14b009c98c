/** Ablation: bare openapi-fetch + our loop's per-attempt timeout (AbortController, timer, signal on the Request). */
import type { Peer, PeerOptions } from "./fixtures";
import { createAblationPeer } from "./openapi-fetch-ablation";

export const createPeer = (options: PeerOptions): Peer =>
  createAblationPeer(options, { timeout: true, textThenParse: false });
