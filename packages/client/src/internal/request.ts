/**
 * The request loop. Every call of the client, typed or `raw`, goes down this file.
 *
 * A resource method describes a call (`Call`: operation, parameters, body, which credential it carries, whether
 * repeating it is safe) and hands it to `send`. The loop owns the rest: the credential, each attempt's timeout,
 * the caller's signal, retries with backoff and `Retry-After`, the single replay after a 401, and the typed error
 * with credentials redacted. Each attempt is one request through the client's transport (`transport.ts`), inside
 * the attempt's timeout (kept by the client's `AttemptClock`, one timer for all attempts). What happens is told to
 * the one observer (`observer.ts`: logger, OpenTelemetry), which never sees the call itself.
 */
import { APIConnectionTimeoutError, errorForStatus, InvalidResponseError, readRequestId } from "../errors";
import { AttemptClock, type Deadline } from "./attempt-clock";
import { parseBaseUrl } from "./base-url";
import type { APIPromise, Call, HttpMethod, PathWith, RequestOptions, SuccessBody, UntypedCall } from "./call";
import { connectionError, errorInit, invalidJson, secretsOf, urlOf, userAbort } from "./failures";
import type { Instrumentation } from "./instrumentation";
import type { FetchResult, Loop } from "./loop";
import { loopObserver, type PlankyLogEvent } from "./observer";
import { redactDeep } from "./redact";
import type { ResponseValidator } from "./response-hook";
import { retryDelay, shouldRetry } from "./retry-policy";
import type { TokenSource } from "./tokens";
import { sendRequest } from "./transport";
import { callUrl } from "./url";
import { credential, headerObject, nonNegativeInteger, optionalFunction, positiveMs } from "./validate";

export type { APIPromise, Call, HttpMethod, PathWith, RequestOptions, SuccessBody, UntypedCall } from "./call";
export type { Loop } from "./loop";
export type { PlankyLogEvent } from "./observer";

export const PRODUCTION_BASE_URL = "https://api.friendlyscore.com";

/** Options every client takes (the server client and the webflow client). */
export interface ClientOptions {
  /** API origin. Default: `https://api.friendlyscore.com` (production). Use `http://127.0.0.1:4010` for the mock. */
  baseUrl?: string;
  /**
   * `fetch` implementation. Default: `globalThis.fetch`. Called as `fetch(request, { signal })`: pass `signal` on
   * (as `globalThis.fetch` does) so that a timeout or an abort also stops the request on the network.
   */
  fetch?: (request: Request, init?: { signal?: AbortSignal }) => Promise<Response>;
  /** Per-attempt timeout in ms, body included. Default: 30 000. */
  timeout?: number;
  /** Retries after the first attempt on connection errors, timeouts, 408, 429 and 5xx. Default: 2. */
  maxRetries?: number;
  /** First retry delay in ms, doubled per retry with jitter. Default: 500. */
  initialRetryDelay?: number;
  /** Cap in ms for a retry delay, including a server's `Retry-After`. Default: 8 000. */
  maxRetryDelay?: number;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string> | Headers;
  /** Called for every attempt, retry and connection error. Events never carry headers, bodies or tokens. */
  logger?: (event: PlankyLogEvent) => void;
  /** Check every answer against the spec: `responseValidator("warn" | "throw")` from `@planky-kit/client/validate`. Default: off. */
  validateResponses?: ResponseValidator;
  /** Observes every call and attempt, e.g. as OpenTelemetry spans: `openTelemetry(api)` from `@planky-kit/client/otel`. */
  instrumentation?: Instrumentation;
}

export function createLoop(options: ClientOptions, secrets: readonly string[]): Loop {
  const baseUrl = parseBaseUrl(options.baseUrl ?? PRODUCTION_BASE_URL);
  const headers = options.defaultHeaders === undefined ? {} : headerObject("defaultHeaders", options.defaultHeaders);
  return {
    fetch: options.fetch,
    transport: sendRequest,
    clock: new AttemptClock(),
    url: (call) => callUrl(baseUrl, call),
    baseUrl,
    headers,
    timeout: positiveMs("timeout", options.timeout, 30_000),
    maxRetries: nonNegativeInteger("maxRetries", options.maxRetries, 2),
    initialRetryDelay: positiveMs("initialRetryDelay", options.initialRetryDelay, 500),
    maxRetryDelay: positiveMs("maxRetryDelay", options.maxRetryDelay, 8_000),
    defaultAuthorization: headers.authorization,
    logger: options.logger,
    validateResponses: optionalFunction("validateResponses", options.validateResponses),
    observe: loopObserver(options.logger, options.instrumentation, baseUrl),
    secrets: secrets.filter((secret) => secret !== ""),
    credentials: {},
  };
}

/**
 * Runs a call; the promise resolves with the operation's parsed 2xx body (or what `select` picks from it). A
 * resource passes a function that describes the call, so bad input (checked while describing) rejects the promise.
 */
export function send<M extends HttpMethod, P extends PathWith<M>, Result = SuccessBody<P, M>>(
  loop: Loop,
  call: Call<M, P, Result> | (() => Call<M, P, Result>),
  options?: RequestOptions,
): APIPromise<Result> {
  // The types were checked where the call was described; the loop itself needs none of them.
  return sendUntyped<Result>(loop, call as UntypedCall | (() => UntypedCall), options);
}

/** `send` for calls typed by their caller: raw's `{ data, error }` results and pagination's verbatim queries. */
export function sendUntyped<T>(
  loop: Loop,
  call: UntypedCall | (() => UntypedCall),
  options?: RequestOptions,
): APIPromise<T> {
  const exchange: Exchange = { response: undefined };
  const promise = run(loop, call, options ?? {}, exchange) as APIPromise<T>;
  promise.withResponse = () =>
    promise.then((data) => {
      const response = exchange.response as Response;
      return { data, response, requestId: readRequestId(response.headers) };
    });
  return promise;
}

interface Exchange {
  /** The successful response, for `withResponse()`. */
  response: Response | undefined;
}

/** One call in flight: what the caller's abort interrupts now (a token wait, an attempt, a backoff). */
interface Flight {
  interrupt: ((error: Error) => void) | undefined;
  /** The current attempt ended by its timeout. */
  timedOut: boolean;
}

/**
 * One call. Each attempt: the credential (the token request is shared by concurrent calls; an abort stops this
 * call's wait only), then the request sent and its body read before the deadline, then the answer: replay after a
 * 401, retry, throw the typed error, or return the body. The observer learns the method and the route template;
 * the target (origin and path, no query) is for log lines.
 */
async function run(
  loop: Loop,
  describe: UntypedCall | (() => UntypedCall),
  options: RequestOptions,
  exchange: Exchange,
) {
  const call = typeof describe === "function" ? describe() : describe;
  const timeout = positiveMs("timeout", options.timeout, loop.timeout);
  const maxRetries = nonNegativeInteger("maxRetries", options.maxRetries, loop.maxRetries);
  const callHeaders = options.headers === undefined ? undefined : headerObject("headers", options.headers);
  const { signal } = options;
  // An explicit Authorization (the caller's own, per call or by default) wins over the call's credential.
  const ownAuthorization = callHeaders?.authorization ?? loop.defaultAuthorization;
  const scheme = call.auth === "bearer" ? "Bearer" : "AppUserToken";
  const source =
    ownAuthorization !== undefined || call.auth === "none" || call.customerToken !== undefined
      ? undefined
      : loop.credentials[call.auth === "bearer" ? "bearer" : "customer"];
  if (signal?.aborted) throw userAbort();

  // The caller's signal gets one listener for the whole call, removed at the end: it interrupts whatever the
  // call is waiting for (token, attempt, backoff). A signal reused for a million calls keeps nothing.
  const flight: Flight = { interrupt: undefined, timedOut: false };
  const onAbort = () => flight.interrupt?.(userAbort());
  signal?.addEventListener("abort", onAbort);
  const watch = loop.observe?.({
    method: call.method,
    route: call.path,
    target: urlOf(loop, call).split("?")[0] as string,
  });
  let failed: unknown;

  try {
    let retries = 0;
    let replayed = false;
    for (let attempt = 1; ; attempt++) {
      const token = source
        ? (source.ready() ?? (await issuedToken(source, call, scheme, signal, flight)))
        : call.customerToken;
      let headers = callHeaders;
      if (token !== undefined) {
        const authorization = `${scheme} ${token}`;
        headers = callHeaders ? { ...callHeaders, authorization } : { authorization };
      }

      if (signal?.aborted) throw userAbort();
      watch?.({ type: "attempt", attempt });
      let result: FetchResult;
      try {
        result = await attemptOnce(loop, call, headers, timeout, flight);
      } catch (error) {
        if (signal?.aborted) {
          const abort = userAbort();
          watch?.({ type: "abort", attempt, error: abort });
          throw abort;
        }
        // No response: a timeout, or a connection error (refused, reset, truncated body).
        const failure = flight.timedOut
          ? (error as APIConnectionTimeoutError)
          : connectionError(error, loop.baseUrl, secretsOf(loop, scheme, token, ownAuthorization));
        watch?.({ type: "connection-error", attempt, error: failure });
        if (!shouldRetry({ connectionError: error }, call.safeToRepeat, retries, maxRetries)) throw failure;
        retries++;
        const delayMs = retryDelay(retries, loop, null) as number;
        watch?.({ type: "retry", attempt, delayMs, reason: failure.name });
        await sleep(delayMs, flight);
        continue;
      }

      const { response } = result;
      const { status } = response;
      watch?.({ type: "response", attempt, status, requestId: readRequestId(response.headers) });
      // Opt-in (`validateResponses`): the answer against the spec; warns through the observer, or throws.
      loop.validateResponses?.(
        {
          method: call.method,
          path: call.path,
          response,
          body: result.data ?? result.error,
          bodyIsText: !call.raw && response.ok,
        },
        (mismatch) => watch?.({ type: "response_mismatch", attempt, ...mismatch }),
      );
      if (status === 401 && token !== undefined && source && !replayed && source.invalidate(token)) {
        // The token expired or was revoked early: get a new one and replay once, outside the retry budget.
        // Safe for a create too: a 401 means the server did not act on the request.
        replayed = true;
        continue;
      }
      if (!response.ok) {
        // A Retry-After beyond maxRetryDelay: the caller gets the error (with its headers) and decides.
        const delayMs = shouldRetry({ status }, call.safeToRepeat, retries, maxRetries)
          ? retryDelay(retries + 1, loop, response.headers.get("retry-after"))
          : undefined;
        if (delayMs !== undefined) {
          retries++;
          watch?.({ type: "retry", attempt, status, delayMs });
          await sleep(delayMs, flight);
          flight.interrupt = undefined;
          continue;
        }
        if (call.raw) return result;
        // A server may echo the request's credentials (an error page quoting the Authorization header).
        const body = redactDeep(result.error, secretsOf(loop, scheme, token, ownAuthorization));
        throw (call.toError ?? errorForStatus)(errorInit(loop, call, response, body));
      }
      exchange.response = response;
      return call.raw
        ? result
        : parseBody(loop, call, response, result.data, () => secretsOf(loop, scheme, token, ownAuthorization));
    }
  } catch (error) {
    failed = error;
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    watch?.({ type: "end", error: failed });
  }
}

/** A token `source` has to fetch first (the token request, shared by concurrent calls): checked before use. */
async function issuedToken(
  source: TokenSource,
  call: UntypedCall,
  scheme: string,
  signal: AbortSignal | undefined,
  flight: Flight,
): Promise<string> {
  if (signal?.aborted) throw userAbort();
  const pending = source.get();
  // An abort stops this call's wait only, not the shared token request.
  const issued = await (signal ? interruptible(pending, flight) : pending);
  return credential(call.auth === "bearer" ? "accessToken" : "customerToken", issued, scheme as "Bearer");
}

/** A typed call's 2xx body: parsed JSON (or what `select` picks); a body that is not JSON is an error. */
function parseBody(loop: Loop, call: UntypedCall, response: Response, data: unknown, secrets: () => string[]): unknown {
  const text = typeof data === "string" ? data : "";
  if (call.emptyBodyAllowed && text === "") return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidJson(loop, call, response, text, secrets());
  }
  return call.select
    ? call.select(body, (message) => {
        const init = errorInit(loop, call, response, redactDeep(body, secrets()));
        throw new InvalidResponseError(init, `${call.method} ${new URL(init.url).pathname} ${message}`);
      })
    : body;
}

/**
 * One attempt through the transport, within `timeout`. Rejects at once on a timeout or the caller's abort: a
 * custom `fetch` that ignores the signal must not hang the call.
 */
async function attemptOnce(
  loop: Loop,
  call: UntypedCall,
  headers: Record<string, string> | undefined,
  timeout: number,
  flight: Flight,
): Promise<FetchResult> {
  // The signal goes to `fetch`, not onto the Request: undici makes every Request follow its signal through a
  // FinalizationRegistry, which kept each call's signal alive past a scavenge. `fetch(request, { signal })` still
  // aborts the request on the network.
  const controller = new AbortController();
  let deadline: Deadline | undefined;
  flight.timedOut = false;
  try {
    return await new Promise<FetchResult>((resolve, reject) => {
      flight.interrupt = (error) => {
        controller.abort();
        reject(error);
      };
      deadline = loop.clock.start(timeout, () => {
        flight.timedOut = true;
        flight.interrupt?.(new APIConnectionTimeoutError(`The request timed out after ${timeout} ms.`));
      });
      loop.transport(loop, call, headers, controller.signal).then(resolve, reject);
    });
  } finally {
    if (deadline) loop.clock.done(deadline);
    flight.interrupt = undefined;
  }
}

/** `promise`, unless the call is interrupted first. */
function interruptible<T>(promise: Promise<T>, flight: Flight): Promise<T> {
  return new Promise((resolve, reject) => {
    flight.interrupt = reject;
    promise.then(resolve, reject);
  });
}

function sleep(ms: number, flight: Flight): Promise<void> {
  return new Promise((resolve, reject) => {
    const id = setTimeout(resolve, ms);
    flight.interrupt = (error) => {
      clearTimeout(id);
      reject(error);
    };
  });
}
