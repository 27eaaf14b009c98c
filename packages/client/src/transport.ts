/**
 * The request path every call goes through: auth header, timeout, caller's abort signal, retries with backoff.
 * openapi-fetch builds the `Request` (URL, path encoding, JSON body); this module decides how to send it.
 */
import type { AccessTokenSource } from "./auth";
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from "./errors";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff delay in ms; doubles per retry, with jitter. */
  initialRetryDelay: number;
  /** Upper bound in ms for a backoff delay and for an honoured `Retry-After`. */
  maxRetryDelay: number;
}

/** Options a caller may set per call; each overrides the client-wide value. */
export interface RequestOptions {
  /** Milliseconds until the request is aborted with `APIConnectionTimeoutError` (per attempt). */
  timeout?: number;
  maxRetries?: number;
  /** Aborts the call with `APIUserAbortError`; an aborted call is never retried. */
  signal?: AbortSignal;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** What the optional logger receives. Never contains headers or bodies, so never a credential. */
export interface PlankyLogEvent {
  type: "response" | "retry" | "connection-error";
  method: string;
  url: string;
  attempt: number;
  status?: number;
  durationMs?: number;
  delayMs?: number;
  reason?: string;
}

export interface TransportConfig extends RetryPolicy {
  fetch: (request: Request) => Promise<Response>;
  timeout: number;
  tokens: AccessTokenSource | undefined;
  headers: Record<string, string>;
  logger: ((event: PlankyLogEvent) => void) | undefined;
  /** Path of the token endpoint: the one call that is never sent with a Bearer token. */
  tokenPath: string;
}

export type Send = (request: Request, options?: RequestOptions) => Promise<Response>;

// Connection failures where the request certainly never reached the server (safe to retry even a create).
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export function createTransport(config: TransportConfig): Send {
  return async function send(request, options = {}) {
    const timeout = options.timeout ?? config.timeout;
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const signal = options.signal;
    const url = new URL(request.url);
    const label = `${request.method} ${url.origin}${url.pathname}`;
    // Token requests are safe to repeat; creates (invitation, customer) are not — Planky has no idempotency key.
    const idempotent = IDEMPOTENT_METHODS.has(request.method) || url.pathname.endsWith(config.tokenPath);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const useBearer =
      !request.headers.has("authorization") &&
      !options.headers?.authorization &&
      !url.pathname.endsWith(config.tokenPath);

    let replayedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      const headers = new Headers(config.headers);
      for (const [name, value] of request.headers) headers.set(name, value);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      const token = useBearer && config.tokens ? await config.tokens.get() : undefined;
      if (token !== undefined) headers.set("authorization", `Bearer ${token}`);

      const started = Date.now();
      const init = { method: request.method, headers, body: body ?? null };
      const outcome = await attemptOnce(config.fetch, request.url, init, timeout, signal);
      const durationMs = Date.now() - started;
      const retriesLeft = attempt <= maxRetries;

      if (outcome instanceof Response) {
        config.logger?.({
          type: "response",
          method: request.method,
          url: label,
          attempt,
          status: outcome.status,
          durationMs,
        });
        if (outcome.status === 401 && token !== undefined && !replayedAfter401) {
          // The token expired or was revoked early: fetch a new one and replay once, outside the retry budget.
          config.tokens?.invalidate(token);
          replayedAfter401 = true;
          attempt--;
          continue;
        }
        if (!retriesLeft || !shouldRetryStatus(outcome.status, idempotent)) return outcome;
        const delayMs = retryDelay(attempt, config, outcome.headers.get("retry-after"));
        config.logger?.({
          type: "retry",
          method: request.method,
          url: label,
          attempt,
          status: outcome.status,
          delayMs,
        });
        await sleep(delayMs, signal);
        continue;
      }

      // No response: a timeout, or a connection error. `outcome` is the typed error to throw if we give up.
      config.logger?.({
        type: "connection-error",
        method: request.method,
        url: label,
        attempt,
        durationMs,
        reason: outcome.name,
      });
      const retryable = idempotent || (!(outcome instanceof APIConnectionTimeoutError) && neverSent(outcome.cause));
      if (!retriesLeft || !retryable) throw outcome;
      const delayMs = retryDelay(attempt, config, null);
      config.logger?.({ type: "retry", method: request.method, url: label, attempt, delayMs, reason: outcome.name });
      await sleep(delayMs, signal);
    }
  };
}

/**
 * One attempt, body included: the timeout covers a slow or truncated body as well as slow headers, and a
 * buffered body lets the caller read it without holding a socket.
 */
async function attemptOnce(
  fetchImpl: (request: Request) => Promise<Response>,
  url: string,
  init: RequestInit,
  timeout: number,
  signal: AbortSignal | undefined,
): Promise<Response | APIConnectionError> {
  const timer = new AbortController();
  const timeoutId = setTimeout(() => timer.abort(), timeout);
  const combined = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
  try {
    const response = await fetchImpl(new Request(url, { ...init, signal: combined }));
    const buffered = await response.arrayBuffer();
    const nullBody = buffered.byteLength === 0 || [101, 204, 205, 304].includes(response.status);
    return new Response(nullBody ? null : buffered, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch (error) {
    if (signal?.aborted) throw new APIUserAbortError("The request was aborted by the caller.");
    if (timer.signal.aborted) return new APIConnectionTimeoutError(`The request timed out after ${timeout} ms.`);
    return new APIConnectionError(`Connection error: ${describeCause(error)}`, { cause: error });
  } finally {
    clearTimeout(timeoutId);
  }
}

function shouldRetryStatus(status: number, idempotent: boolean): boolean {
  // 429 and 503 mean the server did not act on the request, so even a create may be repeated.
  if (status === 429 || status === 503) return true;
  return idempotent && (status === 408 || status >= 500);
}

function neverSent(cause: unknown): boolean {
  const code =
    (cause as { cause?: { code?: unknown }; code?: unknown } | undefined)?.cause?.code ??
    (cause as { code?: unknown })?.code;
  return typeof code === "string" && NOT_SENT_CODES.has(code);
}

/** Backoff with jitter for retry number `attempt` (1-based), or the server's `Retry-After`, capped. */
export function retryDelay(attempt: number, policy: RetryPolicy, retryAfter: string | null): number {
  const fromServer = parseRetryAfter(retryAfter);
  if (fromServer !== undefined) return Math.min(fromServer, policy.maxRetryDelay);
  const base = Math.min(policy.initialRetryDelay * 2 ** (attempt - 1), policy.maxRetryDelay);
  return base * (1 - Math.random() * 0.25);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError("The request was aborted by the caller."));
    const onAbort = () => {
      clearTimeout(id);
      reject(new APIUserAbortError("The request was aborted by the caller."));
    };
    const id = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new APIUserAbortError("The request was aborted by the caller.");
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}
