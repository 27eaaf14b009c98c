/** Ablation: bare openapi-fetch + our transport's response buffering. */
import type { Peer, PeerOptions } from "./fixtures";
import { bufferResponse, createAblationPeer } from "./openapi-fetch-ablation";

export const createPeer = (options: PeerOptions): Peer => createAblationPeer(options, bufferResponse);
