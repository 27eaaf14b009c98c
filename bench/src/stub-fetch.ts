/**
 * The `fetch` of the no-network CPU run: answers on the next tick with a ready JSON body chosen by the URL's path,
 * so what is left is each client's own work per call.
 */
import examples from "../generated/examples.json" with { type: "json" };
import { CONSENT_STATUS_PATH, INVITATIONS_PATH } from "./peers/fixtures";
import {
  ANTHROPIC_PREFIX,
  anthropicMessage,
  anthropicModel,
  OPENAI_PREFIX,
  openaiChatCompletion,
  openaiModel,
} from "./peers/stainless-fixtures";

const ROUTES = (
  [
    { matches: (path) => path === CONSENT_STATUS_PATH, body: examples.consentStatus },
    { matches: (path) => path === INVITATIONS_PATH, body: examples.invitation },
    { matches: (path) => path.startsWith(`${ANTHROPIC_PREFIX}/v1/models/`), body: anthropicModel },
    { matches: (path) => path === `${ANTHROPIC_PREFIX}/v1/messages`, body: anthropicMessage },
    { matches: (path) => path.startsWith(`${OPENAI_PREFIX}/models/`), body: openaiModel },
    { matches: (path) => path === `${OPENAI_PREFIX}/chat/completions`, body: openaiChatCompletion },
  ] satisfies { matches: (path: string) => boolean; body: unknown }[]
).map(({ matches, body }) => ({ matches, body: JSON.stringify(body) }));

const JSON_HEADERS = { "content-type": "application/json" };

export const stubFetch: typeof globalThis.fetch = (input) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const path = url.slice(url.indexOf("/", url.indexOf("//") + 2)).split("?")[0] ?? "";
  const route = ROUTES.find((candidate) => candidate.matches(path));
  // A wrong route would time the wrong work: fail the call (verifyPeers turns this into a loud error).
  if (!route) return Promise.reject(new Error(`stub fetch has no answer for ${path}`));
  return new Promise((resolve) => {
    process.nextTick(() => resolve(new Response(route.body, { status: 200, headers: JSON_HEADERS })));
  });
};
