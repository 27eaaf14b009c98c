/**
 * The `fetch` of the no-network CPU run, one for every client: it first does what a real `fetch` does with its
 * arguments (`new Request(input, init)`: undici copies a body-carrying `Request` here, a real cost on Node), then
 * answers on the next macrotask (`setImmediate`) with the same bytes for every client (`STUB_RESPONSES`), so what
 * differs between clients is only their own work per call.
 */
import examples from "../generated/examples.json" with { type: "json" };
import type { Operation } from "./load-peers";
import { CONSENT_STATUS_PATH, INVITATIONS_PATH } from "./peers/fixtures";
import {
  ANTHROPIC_PREFIX,
  anthropicMessage,
  anthropicModel,
  OPENAI_PREFIX,
  openaiChatCompletion,
  openaiModel,
} from "./peers/stainless-fixtures";

/**
 * One body per operation for every client: the union of what each API answers (the spec's example, and a plausible
 * body of each Stainless SDK's API). None of the clients checks a response against a schema, so each reads its own
 * fields; the parsed body every client must hand back is this object (verifyPeers checks it).
 */
export const STUB_BODIES: Record<Operation, unknown> = {
  consentStatus: { ...anthropicModel, ...openaiModel, ...examples.consentStatus },
  createInvitation: { ...anthropicMessage, ...openaiChatCompletion, ...examples.invitation },
};

const STUB_RESPONSES: Record<Operation, string> = {
  consentStatus: JSON.stringify(STUB_BODIES.consentStatus),
  createInvitation: JSON.stringify(STUB_BODIES.createInvitation),
};

/** The byte sizes every client receives, for the report. */
export const STUB_RESPONSE_BYTES: Record<Operation, number> = {
  consentStatus: Buffer.byteLength(STUB_RESPONSES.consentStatus),
  createInvitation: Buffer.byteLength(STUB_RESPONSES.createInvitation),
};

const ROUTES: { operation: Operation; method: string; matches: (path: string) => boolean }[] = [
  { operation: "consentStatus", method: "GET", matches: (path) => path === CONSENT_STATUS_PATH },
  { operation: "createInvitation", method: "POST", matches: (path) => path === INVITATIONS_PATH },
  { operation: "consentStatus", method: "GET", matches: (path) => path.startsWith(`${ANTHROPIC_PREFIX}/v1/models/`) },
  { operation: "createInvitation", method: "POST", matches: (path) => path === `${ANTHROPIC_PREFIX}/v1/messages` },
  { operation: "consentStatus", method: "GET", matches: (path) => path.startsWith(`${OPENAI_PREFIX}/models/`) },
  { operation: "createInvitation", method: "POST", matches: (path) => path === `${OPENAI_PREFIX}/chat/completions` },
];

const JSON_HEADERS = { "content-type": "application/json" };

export const stubFetch: typeof globalThis.fetch = (input, init) => {
  let request: Request;
  try {
    request = new Request(input, init);
  } catch (error) {
    return Promise.reject(error);
  }
  const path = new URL(request.url).pathname;
  const route = ROUTES.find((candidate) => candidate.matches(path) && candidate.method === request.method);
  // A wrong route would time the wrong work: fail the call (verifyPeers turns this into a loud error).
  if (!route) return Promise.reject(new Error(`stub fetch has no answer for ${request.method} ${path}`));
  const body = STUB_RESPONSES[route.operation];
  return new Promise((resolve) => {
    setImmediate(() => resolve(new Response(body, { status: 200, headers: JSON_HEADERS })));
  });
};
