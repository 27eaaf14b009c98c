/**
 * @anthropic-ai/sdk, a Stainless-generated SDK with the machinery ours has (API key auth, retries with backoff,
 * a timeout per request, typed errors): a feature-class peer. It speaks Anthropic's API, so it runs only against
 * the stubbed `fetch` of the CPU run: `models.retrieve` is its GET, `messages.create` its POST.
 */
import Anthropic from "@anthropic-ai/sdk";
import type { Peer, PeerOptions } from "./fixtures";
import { ANTHROPIC_MODEL_ID, ANTHROPIC_PREFIX, anthropicMessageRequest } from "./stainless-fixtures";
export function createPeer({ baseUrl, fetch }: PeerOptions): Peer {
  // Configured like ours: a key given up front, retries on (its default, 2, as ours), its default timeout.
  const client = new Anthropic({
    apiKey: "bench-api-key",
    baseURL: `${baseUrl}${ANTHROPIC_PREFIX}`,
    maxRetries: 2,
    fetch,
  });
  return {
    consentStatus: () => client.models.retrieve(ANTHROPIC_MODEL_ID),
    createInvitation: () => client.messages.create(anthropicMessageRequest),
  };
}
