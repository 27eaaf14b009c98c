/**
 * A `fetch` stub for unit tests: records every request (a clone, body readable) and answers from a handler.
 * The token endpoint answers with a fresh token per request unless the handler takes over.
 */
import { createPlankyClient, type PlankyClientOptions, type PlankyLogEvent } from "../../src/index";

export const BASE_URL = "https://planky.test";
export const CLIENT_SECRET = "s3cret-client-SECRET";

export interface Recorded {
  method: string;
  path: string;
  authorization: string | null;
  body: string;
}

export type Handler = (request: Request, call: number) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A `fetch` failure shaped like undici's: `TypeError("fetch failed", { cause: { code } })`. */
export function connectionError(code: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

/** Answers the token endpoint with a fresh token per request: `token-1`, `token-2`, … */
export function issueTokens(expiresIn = 3600): Handler {
  return (_request, call) => json({ access_token: `token-${call}`, expires_in: expiresIn, token_type: "bearer" });
}

export interface StubOptions extends Partial<PlankyClientOptions> {
  /** Answers every API call; `call` counts API calls from 1. */
  api: Handler;
  /** Answers the token endpoint; `call` counts token requests from 1. Default: `issueTokens()`. */
  token?: Handler;
}

/** The signal the client passed with each request (`fetch(request, { signal })`), for `hang`. */
const attemptSignals = new WeakMap<Request, AbortSignal>();

export function stubClient({ api, token = issueTokens(), ...options }: StubOptions) {
  const requests: Recorded[] = [];
  const events: PlankyLogEvent[] = [];
  const calls = { api: 0, token: 0 };
  const fetch = async (request: Request, init?: { signal?: AbortSignal }): Promise<Response> => {
    if (init?.signal) attemptSignals.set(request, init.signal);
    const path = new URL(request.url).pathname;
    requests.push({
      method: request.method,
      path,
      authorization: request.headers.get("authorization"),
      body: await request.clone().text(),
    });
    if (path === "/oauth/v2/token") return token(request, ++calls.token);
    return api(request, ++calls.api);
  };
  const client = createPlankyClient({
    clientId: "client-id",
    clientSecret: CLIENT_SECRET,
    baseUrl: BASE_URL,
    fetch,
    initialRetryDelay: 1,
    maxRetryDelay: 5,
    logger: (event) => events.push(event),
    ...options,
  });
  return {
    client,
    requests,
    events,
    api: () => requests.filter((r) => r.path !== "/oauth/v2/token"),
    tokenRequests: () => requests.filter((r) => r.path === "/oauth/v2/token"),
  };
}

/**
 * Rejects when the attempt's signal aborts, like fetch does; for stubs that must hang until aborted. The signal is
 * the one the client passed to `fetch` (or, for raw calls, the Request's own).
 */
export function hang(request: Request): Promise<Response> {
  const signal = attemptSignals.get(request) ?? request.signal;
  return new Promise((_resolve, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

export const CUSTOMER = { id: "1234", user_reference: "user-42" };
export const INVITATION_REQUEST = { email: "ada@example.com", reference: "user-42" };
