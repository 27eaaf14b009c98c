/**
 * The request path every call goes through: auth header, timeout, caller's abort signal, retries with backoff.
 * openapi-fetch builds the `Request` (URL, path encoding, JSON body); this module decides how to send it.
 */
import type { AccessTokenSource } from "./auth";
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from "./errors";
import { rememberBodyText } from "./response";
import { credentialOf, redact, rememberSecrets, safeCause } from "./secrets";
import { credential, headerRecord, nonNegativeInteger, positiveMs } from "./validate";

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
  /** Milliseconds until one attempt is aborted with `APIConnectionTimeoutError`. Default: the client's `timeout`. */
  timeout?: number;
  /** Retries after the first attempt. Default: the client's `maxRetries`. */
  maxRetries?: number;
  /** Aborts the call with `APIUserAbortError`; an aborted call is never retried. */
  signal?: AbortSignal;
  /** Extra headers for this call. */
  headers?: Record<string, string> | Headers;
}

/** What the optional logger receives. Never contains headers or bodies, so never a credential. */
export interface PlankyLogEvent {
  type: "response" | "retry" | "connection-error";
  method: string;
  /** Origin and path only: no query string. */
  url: string;
  /** 1-based; a replay after a 401 counts as an attempt. */
  attempt: number;
  status?: number;
  durationMs?: number;
  delayMs?: number;
  /** For connection errors: the error class name, e.g. `APIConnectionTimeoutError`. */
  reason?: string;
}

export interface TransportConfig extends RetryPolicy {
  fetch: (request: Request) => Promise<Response>;
  timeout: number;
  tokens: AccessTokenSource | undefined;
  headers: Headers;
  logger: ((event: PlankyLogEvent) => void) | undefined;
  /** Path of the token endpoint: the one call that is never sent with a Bearer token. */
  tokenPath: string;
  /** Credentials known up front (client secret, a fixed access token): redacted from errors. */
  secrets: readonly string[];
}

/** `serializedBody`: the request's body as openapi-fetch serialized it, when the caller kept it (saves reading it back). */
export type Send = (request: Request, options?: RequestOptions, serializedBody?: string) => Promise<Response>;

// Connection failures where the request certainly never reached the server (safe to retry even a create).
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const utf8 = new TextDecoder();

export function createTransport(config: TransportConfig): Send {
  const log = (event: PlankyLogEvent) => {
    try {
      config.logger?.(event);
    } catch {
      // A broken logger must not break the call it is logging.
    }
  };

  return async function send(request, options = {}, serializedBody) {
    const timeout = positiveMs("timeout", options.timeout, config.timeout);
    const maxRetries = nonNegativeInteger("maxRetries", options.maxRetries, config.maxRetries);
    const { signal } = options;
    const url = new URL(request.url);
    const label = `${request.method} ${url.origin}${url.pathname}`;
    const isTokenRequest = url.pathname.endsWith(config.tokenPath);
    // Token requests are safe to repeat; creates (invitation, customer) are not — Planky has no idempotency key.
    const idempotent = IDEMPOTENT_METHODS.has(request.method) || isTokenRequest;
    const body = serializedBody ?? (request.body ? await request.arrayBuffer() : undefined);

    const baseHeaders = new Headers(config.headers);
    for (const [name, value] of request.headers) baseHeaders.set(name, value);
    for (const [name, value] of headerRecord("headers", options.headers)) baseHeaders.set(name, value);
    // An explicit Authorization (AppUserToken calls, or the caller's own) wins over the Bearer token.
    const tokens = !baseHeaders.has("authorization") && !isTokenRequest ? config.tokens : undefined;

    let retries = 0;
    let replayedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      const headers = new Headers(baseHeaders);
      const token = tokens ? await bearerToken(tokens, signal) : undefined;
      if (token !== undefined) headers.set("authorization", `Bearer ${token}`);
      const secrets = [...config.secrets, ...credentialOf(headers.get("authorization"))];

      const started = Date.now();
      const init = { method: request.method, headers, body: body ?? null };
      const outcome = await attemptOnce(config.fetch, request.url, init, timeout, signal, secrets);
      const durationMs = Date.now() - started;

      if (outcome instanceof Response) {
        log({ type: "response", method: request.method, url: label, attempt, status: outcome.status, durationMs });
        if (outcome.status === 401 && token !== undefined && !replayedAfter401 && tokens?.invalidate(token)) {
          // The token expired or was revoked early: fetch a new one and replay once, outside the retry budget.
          // Safe for a create too: a 401 means the server did not act on the request.
          replayedAfter401 = true;
          continue;
        }
        if (retries >= maxRetries || !shouldRetryStatus(outcome.status, idempotent)) return outcome;
        // A Retry-After beyond maxRetryDelay: the caller gets the error (with its headers) and decides.
        const delayMs = retryDelay(retries + 1, config, outcome.headers.get("retry-after"));
        if (delayMs === undefined) return outcome;
        retries++;
        log({ type: "retry", method: request.method, url: label, attempt, status: outcome.status, delayMs });
        await sleep(delayMs, signal);
        continue;
      }

      // No response: a timeout, or a connection error.
      const { error, certainlyNotSent } = outcome;
      log({ type: "connection-error", method: request.method, url: label, attempt, durationMs, reason: error.name });
      if (retries >= maxRetries || !(idempotent || certainlyNotSent)) throw error;
      retries++;
      const delayMs = retryDelay(retries, config, null) as number;
      log({ type: "retry", method: request.method, url: label, attempt, delayMs, reason: error.name });
      await sleep(delayMs, signal);
    }
  };
}

interface Failure {
  error: APIConnectionError;
  /** The server cannot have received the request (refused connection, unknown host). */
  certainlyNotSent: boolean;
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
  secrets: readonly string[],
): Promise<Response | Failure> {
  const timer = new AbortController();
  const timeoutId = setTimeout(() => timer.abort(), timeout);
  const combined = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
  try {
    // Raced with the signal as well: a custom `fetch` that ignores it must not hang the call.
    const response = await untilAborted(fetchImpl(new Request(url, { ...init, signal: combined })), combined);
    const bytes = await untilAborted(response.arrayBuffer(), combined);
    const nullBody = bytes.byteLength === 0 || [101, 204, 205, 304].includes(response.status);
    const buffered = new Response(nullBody ? null : bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // Decoded here, once, for the typed methods; `raw` callers read `buffered` as usual.
    return rememberSecrets(rememberBodyText(buffered, utf8.decode(bytes)), secrets);
  } catch (error) {
    if (signal?.aborted) throw userAbort();
    if (timer.signal.aborted) {
      const timedOut = new APIConnectionTimeoutError(`The request timed out after ${timeout} ms.`);
      return { error: timedOut, certainlyNotSent: false };
    }
    const message = `Connection error: ${redact(describeCause(error), secrets)}`;
    return {
      error: new APIConnectionError(message, { cause: safeCause(error, secrets) }),
      certainlyNotSent: NOT_SENT_CODES.has(errorCode(error) ?? ""),
    };
  } finally {
    clearTimeout(timeoutId);
  }
}

async function bearerToken(tokens: AccessTokenSource, signal: AbortSignal | undefined): Promise<string> {
  let token: string;
  try {
    // The token request is shared by concurrent calls, so one caller's abort stops its wait, not the request.
    token = await (signal ? untilAborted(tokens.get(), signal) : tokens.get());
  } catch (error) {
    if (signal?.aborted) throw userAbort();
    throw error;
  }
  return credential("accessToken", token, "Bearer");
}

function shouldRetryStatus(status: number, idempotent: boolean): boolean {
  // 429 and 503 mean the server did not act on the request, so even a create may be repeated.
  if (status === 429 || status === 503) return true;
  return idempotent && (status === 408 || status >= 500);
}

/**
 * Milliseconds before retry number `retry` (1-based): the server's `Retry-After` when it sends one, else
 * exponential backoff with up to 25 % jitter, capped at `maxRetryDelay`. `undefined` when `Retry-After` asks for
 * longer than `maxRetryDelay`: retrying earlier than the server asked would only fail again.
 */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfter: string | null,
  random: () => number = Math.random,
): number | undefined {
  const fromServer = parseRetryAfter(retryAfter);
  if (fromServer !== undefined) return fromServer <= policy.maxRetryDelay ? fromServer : undefined;
  const base = Math.min(policy.initialRetryDelay * 2 ** (retry - 1), policy.maxRetryDelay);
  return base * (1 - random() * 0.25);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; `undefined` when absent or unparseable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only real HTTP dates: Date.parse alone would read "1.5" or "soon 2" as some date.
  if (!/^[A-Za-z]{3}, /.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(userAbort());
    const onAbort = () => {
      clearTimeout(id);
      reject(userAbort());
    };
    const id = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `promise`, or a rejection as soon as `signal` aborts (the promise itself keeps running). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function userAbort(): APIUserAbortError {
  return new APIUserAbortError("The request was aborted by the caller.");
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw userAbort();
}

/** undici wraps the socket error: `TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })`. */
function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const found = cause?.code ?? code;
  return typeof found === "string" ? found : undefined;
}

function describeCause(error: unknown): string {
  const code = errorCode(error);
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}
