/**
 * openai, a Stainless-generated SDK with the machinery ours has (API key auth, retries with backoff, a timeout
 * per request, typed errors): a feature-class peer. It speaks OpenAI's API, so it runs only against the stubbed
 * `fetch` of the CPU run: `models.retrieve` is its GET, `chat.completions.create` its POST.
 */
import OpenAI from "openai";
import type { Peer, PeerOptions } from "./fixtures";
import { OPENAI_MODEL_ID, OPENAI_PREFIX, openaiChatRequest } from "./stainless-fixtures";
export function createPeer({ baseUrl, fetch }: PeerOptions): Peer {
  // Configured like ours: a key given up front, retries on (its default, 2, as ours), its default timeout.
  const client = new OpenAI({ apiKey: "bench-api-key", baseURL: `${baseUrl}${OPENAI_PREFIX}`, maxRetries: 2, fetch });
  return {
    consentStatus: () => client.models.retrieve(OPENAI_MODEL_ID),
    createInvitation: () => client.chat.completions.create(openaiChatRequest),
  };
}
