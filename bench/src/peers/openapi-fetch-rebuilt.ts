/** Ablation: bare openapi-fetch + our transport's response buffering + its request rebuild (body re-read). */
import type { Peer, PeerOptions } from "./fixtures";
import { bufferResponse, createAblationPeer, rebuildRequest } from "./openapi-fetch-ablation";

export const createPeer = (options: PeerOptions): Peer =>
  createAblationPeer(options, (fetch) => rebuildRequest(bufferResponse(fetch)));
