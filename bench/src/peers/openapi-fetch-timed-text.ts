/** Ablation: … + our loop's body handling (openapi-fetch reads text, then JSON.parse). */
import type { Peer, PeerOptions } from "./fixtures";
import { createAblationPeer } from "./openapi-fetch-ablation";

export const createPeer = (options: PeerOptions): Peer =>
  createAblationPeer(options, { timeout: true, textThenParse: true });
