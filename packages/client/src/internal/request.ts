/**
 * The request loop. Every call of the client, typed or `raw`, goes down this file.
 *
 * A resource method describes a call (`Call`: operation, parameters, body, which credential it carries, whether
 * repeating it is safe) and hands it to `send`. The loop owns the rest: the credential, each attempt's timeout,
 * the caller's signal, retries with backoff and `Retry-After`, the single replay after a 401, and the typed error
 * with credentials redacted. Each attempt is one openapi-fetch call: openapi-fetch builds the one `Request` (with
 * this attempt's headers), hands it to `fetch` with the attempt's signal and reads the body, all inside the
 * attempt's timeout (kept by the client's `AttemptClock`, one timer for all attempts).
 */
import createClient, {
  type Client,
  type ClientPathsWithMethod,
  createFinalURL,
  createQuerySerializer,
  defaultPathSerializer,
  type FetchResponse,
  type ParamsOption,
  type QuerySerializer,
  type RequestBodyOption,
} from "openapi-fetch";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  type APIErrorInit,
  APIUserAbortError,
  errorForStatus,
  InvalidResponseError,
  PlankyValidationError,
  readRequestId,
} from "../errors";
import type { paths } from "../generated/schema";
import { AttemptClock, type Deadline } from "./attempt-clock";
import { connectionHint } from "./connection-hint";
import type { Instrumentation } from "./instrumentation";
import { redact, redactDeep, safeCause } from "./redact";
import type { ResponseValidator, ResponseViolation } from "./response-hook";
import type { TokenSource } from "./tokens";
import { credential, headerObject, nonNegativeInteger, optionalFunction, positiveMs } from "./validate";

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
  /** `token-store-error`: the shared token store failed or was slow; the client fetched its own token. */
  type: "response" | "retry" | "connection-error" | "token-store-error" | "response_mismatch";
  method: string;
  /** The method, a space, then origin and path, without the query: `GET https://api.friendlyscore.com/public/v3/customers`. */
  url: string;
  /** 1-based; a replay after a 401 counts as an attempt. */
  attempt: number;
  status?: number;
  durationMs?: number;
  delayMs?: number;
  /** For connection errors: the error class name, e.g. `APIConnectionTimeoutError`; for the token store: its error. */
  reason?: string;
  /** For `response_mismatch`: the spec's operationId of the call. */
  operationId?: string;
  /** For `response_mismatch`: where the answer breaks the spec (JSON pointers, headers, status); never a value. */
  violations?: ResponseViolation[];
}

/** A typed call's promise. `withResponse()` resolves with the body, the `Response` and the server's request id. */
export interface APIPromise<T> extends Promise<T> {
  /** The parsed body with the successful `Response` and its request id (`x-request-id` or similar). */
  withResponse(): Promise<{ data: T; response: Response; requestId: string | undefined }>;
}

/** An HTTP method as `Call` names it (the spec's `paths` name it in lower case). */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

/** The spec's paths that have operation `method`, e.g. `PathWith<"POST">` includes `/public/v3/customers`. */
export type PathWith<M extends HttpMethod> = ClientPathsWithMethod<Client<paths>, Lowercase<M>>;

/** The spec's operation at `path` and `method`. */
export type Operation<P extends keyof paths, M extends HttpMethod> = paths[P][Lowercase<M> & keyof paths[P]];

/** The operation's parsed 2xx JSON body, as openapi-fetch types `data`. */
export type SuccessBody<P extends keyof paths, M extends HttpMethod> = Extract<
  FetchResponse<Operation<P, M> & Record<string | number, unknown>, Record<never, never>, "application/json">,
  { data: unknown }
>["data"];

/** How a call runs, beside what it sends: the same for every operation. */
interface CallPolicy {
  /** Which credential the call carries: the access token, the customer token, or none (the token request). */
  auth: "bearer" | "customer" | "none";
  /** For `auth: "customer"` on the server client: this call's customer token, already validated. */
  customerToken?: string;
  /** Repeating the call after it may have reached the server does no harm (reads, deletes, the token request). */
  safeToRepeat: boolean;
  /** The error for a non-2xx answer. Default: the status family's class (`NotFoundError`, …). */
  toError?: (init: APIErrorInit) => Error;
  /** A 2xx may have no body (e.g. `204 No Content`): the call then resolves with `undefined`. */
  emptyBodyAllowed?: boolean;
  /** The 2xx body is a credential: a malformed one is withheld from the error, which may end up in logs. */
  bodyIsSecret?: boolean;
  /** `"manual"`: a redirect is the answer (the token request must not carry the client secret elsewhere). */
  redirect?: "manual";
}

/**
 * One API call, as a resource method describes it, typed from the spec: `path` must be one of the spec's paths
 * with operation `method`, `params` and `body` are that operation's (openapi-fetch's own types), and `select`
 * receives its 2xx body. A parameter, body field or result the spec does not have is a compile error.
 */
export type Call<M extends HttpMethod, P extends PathWith<M>, Result = SuccessBody<P, M>> = CallPolicy & {
  method: M;
  /** The operation's path as the spec writes it, e.g. `/public/v3/customers/{customer_id}/token`. */
  path: P;
  /**
   * Picks what the caller gets from the parsed 2xx body, e.g. a list answer's `data` array; `invalid(message)`
   * throws an `InvalidResponseError` when the body lacks what it picks (an envelope the spec only infers).
   */
  select?: (body: SuccessBody<P, M>, invalid: InvalidBody) => Result;
} & ParamsOption<Operation<P, M>> &
  RequestBodyOption<Operation<P, M>>;

/**
 * What the loop reads of a call: `Call` with its types erased. Only the loop's own callers build one directly:
 * `planky.raw` (the caller's openapi-fetch options) and pagination (a next link's query, passed on verbatim).
 */
export interface UntypedCall extends CallPolicy {
  method: HttpMethod;
  path: keyof paths;
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  select?: (body: unknown, invalid: InvalidBody) => unknown;
  /** `planky.raw` only: the caller's openapi-fetch options; the loop returns openapi-fetch's `{ data, error }`. */
  raw?: Record<string, unknown>;
}

/** Throws an `InvalidResponseError` for this call's 2xx body; `message` is prefixed with the method and path. */
export type InvalidBody = (message: string) => never;

type FetchResult = { data?: unknown; error?: unknown; response: Response };
type AnyClient = Record<HttpMethod, (path: string, init: Record<string, unknown>) => Promise<FetchResult>>;

/** A client's settings, its openapi-fetch client and its credential sources: what `send` needs. */
export interface Loop {
  readonly openapi: Client<paths>;
  /** The `fetch` every attempt goes through, with the attempt's signal as `{ signal }`. */
  readonly fetch: NonNullable<ClientOptions["fetch"]>;
  /** Keeps every attempt's timeout on one timer. */
  readonly clock: AttemptClock;
  /** Built per client, not at import: a module-level call would stay in every bundle, even one without a call. */
  readonly querySerializer: QuerySerializer<unknown>;
  readonly baseUrl: string;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly initialRetryDelay: number;
  readonly maxRetryDelay: number;
  /** `defaultHeaders` sets its own Authorization: then no credential is added. */
  readonly defaultAuthorization: string | undefined;
  readonly logger: ((event: PlankyLogEvent) => void) | undefined;
  readonly validateResponses: ResponseValidator | undefined;
  readonly instrumentation: Instrumentation | undefined;
  /** Credentials known up front (client secret, a fixed token): redacted from every error. */
  readonly secrets: readonly string[];
  /** Where `auth: "bearer"` and `auth: "customer"` calls get their token. A source a client lacks is undefined. */
  readonly credentials: { bearer?: TokenSource; customer?: TokenSource };
}

export function createLoop(options: ClientOptions, secrets: readonly string[]): Loop {
  const baseUrl = parseBaseUrl(options.baseUrl ?? PRODUCTION_BASE_URL);
  const fetch = options.fetch ?? ((request: Request, init?: RequestInit) => globalThis.fetch(request, init));
  const headers = options.defaultHeaders === undefined ? {} : headerObject("defaultHeaders", options.defaultHeaders);
  const querySerializer = createQuerySerializer();
  return {
    // Created once; per call only `fetch` (the attempt's signal, or raw's own) and our options change.
    openapi: createClient<paths>({ baseUrl, fetch, headers, querySerializer }),
    fetch,
    clock: new AttemptClock(),
    querySerializer,
    baseUrl,
    timeout: positiveMs("timeout", options.timeout, 30_000),
    maxRetries: nonNegativeInteger("maxRetries", options.maxRetries, 2),
    initialRetryDelay: positiveMs("initialRetryDelay", options.initialRetryDelay, 500),
    maxRetryDelay: positiveMs("maxRetryDelay", options.maxRetryDelay, 8_000),
    defaultAuthorization: headers.authorization,
    logger: options.logger,
    validateResponses: optionalFunction("validateResponses", options.validateResponses),
    instrumentation: options.instrumentation,
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

// Connection failures where the request certainly never reached the server (safe to retry even a create).
const NOT_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"];

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
  let interrupt: ((error: Error) => void) | undefined;
  const onAbort = () => interrupt?.(userAbort());
  signal?.addEventListener("abort", onAbort);
  const observer = loop.instrumentation?.call(call, loop.baseUrl);
  let failed: unknown;

  try {
    let retries = 0;
    let replayed = false;
    for (let attempt = 1; ; attempt++) {
      // 1. The credential. The token request is shared by concurrent calls: an abort stops this call's wait only.
      let token = source ? source.ready() : call.customerToken;
      if (source && token === undefined) {
        if (signal?.aborted) throw userAbort();
        const pending = source.get();
        const issued = await (signal ? interruptible(pending, (cancel) => (interrupt = cancel)) : pending);
        token = credential(call.auth === "bearer" ? "accessToken" : "customerToken", issued, scheme);
      }
      let headers = callHeaders;
      if (token !== undefined) {
        const authorization = `${scheme} ${token}`;
        headers = callHeaders ? { ...callHeaders, authorization } : { authorization };
      }

      // 2. One attempt: openapi-fetch builds the Request, sends it and reads the body before the deadline.
      if (signal?.aborted) throw userAbort();
      // The signal goes to `fetch`, not onto openapi-fetch's Request: undici makes every Request follow its signal
      // through a FinalizationRegistry, which kept each call's signal alive past a scavenge (most of our CPU per
      // call over bare openapi-fetch). `fetch(request, { signal })` still aborts the request on the network.
      // raw keeps the signal on the Request: its caller may pass their own `fetch` or read a streamed body.
      const controller = new AbortController();
      const init = call.raw
        ? { ...call.raw, headers, signal: controller.signal }
        : {
            params: call.params,
            body: call.body,
            headers,
            parseAs: "text" as const,
            fetch: (request: Request) => loop.fetch(request, { signal: controller.signal }),
          };
      if (call.redirect) (init as Record<string, unknown>).redirect = call.redirect;
      const started = loop.logger && Date.now();
      const attemptEnded = observer?.attempt(attempt);
      let timedOut = false;
      let deadline: Deadline | undefined;
      let result: FetchResult;
      try {
        result = await new Promise<FetchResult>((resolve, reject) => {
          // Rejects at once on a timeout or abort: a custom `fetch` that ignores the signal must not hang the call.
          interrupt = (error) => {
            controller.abort();
            reject(error);
          };
          deadline = loop.clock.start(timeout, () => {
            timedOut = true;
            interrupt?.(new APIConnectionTimeoutError(`The request timed out after ${timeout} ms.`));
          });
          (loop.openapi as unknown as AnyClient)[call.method](call.path, init).then(resolve, reject);
        });
      } catch (error) {
        attemptEnded?.(undefined, error);
        if (signal?.aborted) throw userAbort();
        // No response: a timeout, or a connection error (refused, reset, truncated body).
        const failure = timedOut
          ? (error as APIConnectionTimeoutError)
          : connectionError(error, loop.baseUrl, secretsOf(loop, scheme, token, ownAuthorization));
        if (started)
          log(loop, call, {
            type: "connection-error",
            attempt,
            durationMs: Date.now() - started,
            reason: failure.name,
          });
        if (!shouldRetry({ connectionError: error }, call.safeToRepeat, retries, maxRetries)) throw failure;
        retries++;
        const delayMs = retryDelay(retries, loop, null) as number;
        if (started) log(loop, call, { type: "retry", attempt, delayMs, reason: failure.name });
        await sleep(delayMs, (cancel) => (interrupt = cancel));
        continue;
      } finally {
        if (deadline) loop.clock.done(deadline);
        interrupt = undefined;
      }

      // 3. The answer: replay after a 401, retry, throw the typed error, or return the body.
      const { response } = result;
      attemptEnded?.(response);
      const { status } = response;
      if (started) log(loop, call, { type: "response", attempt, status, durationMs: Date.now() - started });
      // Opt-in (`validateResponses`): the answer against the spec; warns through the logger, or throws.
      loop.validateResponses?.(
        {
          method: call.method,
          path: call.path,
          response,
          body: result.data ?? result.error,
          bodyIsText: !call.raw && response.ok,
        },
        (mismatch) => log(loop, call, { type: "response_mismatch", attempt, ...mismatch }),
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
          if (started) log(loop, call, { type: "retry", attempt, status, delayMs });
          await sleep(delayMs, (cancel) => (interrupt = cancel));
          interrupt = undefined;
          continue;
        }
        if (call.raw) return result;
        // A server may echo the request's credentials (an error page quoting the Authorization header).
        const body = redactDeep(result.error, secretsOf(loop, scheme, token, ownAuthorization));
        throw (call.toError ?? errorForStatus)(errorInit(loop, call, response, body));
      }
      exchange.response = response;
      if (call.raw) return result;
      const text = typeof result.data === "string" ? result.data : "";
      if (call.emptyBodyAllowed && text === "") return undefined;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw invalidJson(loop, call, response, text, secretsOf(loop, scheme, token, ownAuthorization));
      }
      return call.select
        ? call.select(body, (message) => {
            const init = errorInit(
              loop,
              call,
              response,
              redactDeep(body, secretsOf(loop, scheme, token, ownAuthorization)),
            );
            throw new InvalidResponseError(init, `${call.method} ${new URL(init.url).pathname} ${message}`);
          })
        : body;
    }
  } catch (error) {
    failed = error;
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    observer?.end(failed);
  }
}

function log(loop: Loop, call: UntypedCall, event: Omit<PlankyLogEvent, "method" | "url">): void {
  try {
    loop.logger?.({ ...event, method: call.method, url: `${call.method} ${urlOf(loop, call).split("?")[0]}` });
  } catch {
    // A broken logger must not break the call it is logging.
  }
}

/**
 * A 2xx whose body is empty or not JSON: an `InvalidResponseError`. Every operation we wrap promises a JSON body,
 * so resolving with `undefined` would only move the failure somewhere harder to debug.
 */
function invalidJson(loop: Loop, call: UntypedCall, response: Response, text: string, secrets: string[]): Error {
  const what = `${call.method} ${new URL(urlOf(loop, call)).pathname} returned HTTP ${response.status} with`;
  if (text.trim() === "") {
    return new InvalidResponseError(
      errorInit(loop, call, response, text),
      `${what} an empty body; a JSON body was expected.`,
    );
  }
  const body = call.bodyIsSecret ? "[withheld: this response carries a credential]" : redact(text, secrets);
  return new InvalidResponseError(errorInit(loop, call, response, body), `${what} a body that is not valid JSON.`);
}

/** The request's URL as openapi-fetch built it; computed only for errors and log events. */
export function urlOf(loop: Loop, call: UntypedCall): string {
  const params = (call.raw?.params ?? call.params ?? {}) as Record<string, unknown>;
  return createFinalURL(call.path, {
    baseUrl: loop.baseUrl,
    params,
    querySerializer: loop.querySerializer,
    pathSerializer: defaultPathSerializer,
  });
}

function errorInit(loop: Loop, call: UntypedCall, response: Response, body: unknown): APIErrorInit {
  const { status, headers } = response;
  return { status, headers, response, body, method: call.method, url: urlOf(loop, call) };
}

/** Every credential this attempt may have sent, to redact from what goes into an error. */
function secretsOf(loop: Loop, scheme: string, token: string | undefined, own: string | undefined): string[] {
  const secrets = [...loop.secrets];
  if (token !== undefined) secrets.push(`${scheme} ${token}`, token);
  if (own !== undefined) secrets.push(own, own.slice(own.indexOf(" ") + 1));
  return secrets;
}

/** How an attempt failed: an HTTP answer that is not 2xx, or no answer at all (timeout, connection error). */
type FailedAttempt = { status: number } | { connectionError: unknown };

/**
 * Every retry rule in one place: whether a failed attempt is tried again. (When: `retryDelay`. A 401's single
 * replay with a new token is not a retry: it is outside the budget, see `run`.)
 */
export function shouldRetry(
  failed: FailedAttempt,
  safeToRepeat: boolean,
  retriesSoFar: number,
  maxRetries: number,
): boolean {
  if (retriesSoFar >= maxRetries) return false;
  if ("status" in failed) {
    const { status } = failed;
    // 429 and 503 mean the server did not act on the request, so even a create may be repeated.
    if (status === 429 || status === 503) return true;
    return safeToRepeat && (status === 408 || status >= 500);
  }
  // No answer: a create may have reached the server, unless the connection never opened.
  return safeToRepeat || NOT_SENT_CODES.includes(errorCode(failed.connectionError) ?? "");
}

/** Retry timing: `initialRetryDelay` doubled per retry, capped at `maxRetryDelay` (which also caps Retry-After). */
export interface RetryPolicy {
  initialRetryDelay: number;
  maxRetryDelay: number;
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

/** `promise`, unless the call is interrupted first (`onInterrupt` receives the function that interrupts it). */
function interruptible<T>(promise: Promise<T>, onInterrupt: (cancel: (error: Error) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    onInterrupt(reject);
    promise.then(resolve, reject);
  });
}

function sleep(ms: number, onInterrupt: (cancel: (error: Error) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const id = setTimeout(resolve, ms);
    onInterrupt((error) => {
      clearTimeout(id);
      reject(error);
    });
  });
}

function userAbort(): APIUserAbortError {
  return new APIUserAbortError("The request was aborted by the caller.");
}

function connectionError(error: unknown, baseUrl: string, secrets: readonly string[]): APIConnectionError {
  const message = `Connection error: ${redact(describeCause(error), secrets)}${connectionHint(errorCode(error), baseUrl)}`;
  return new APIConnectionError(message, { cause: safeCause(error, secrets) });
}

/** undici wraps the socket error: `TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })`. */
function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const found = cause?.code ?? code;
  return typeof found === "string" ? found : undefined;
}

function describeCause(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

// The API's own path prefixes: the client adds them to every call, so a baseUrl ending in one doubles it.
const API_PATH_PREFIX = /\/(public\/v3|oauth\/v2)(\/.*)?$/;

function parseBaseUrl(value: unknown): string {
  let url: URL;
  try {
    url = new URL(value as string);
  } catch {
    throw new PlankyValidationError("baseUrl", "expected an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new PlankyValidationError("baseUrl", "expected an http(s) URL");
  // fetch refuses URLs with credentials, and a query or fragment would end up in the middle of every path.
  if (url.username || url.password) throw new PlankyValidationError("baseUrl", "must not contain credentials");
  if (url.search || url.hash) throw new PlankyValidationError("baseUrl", "must not have a query or fragment");
  // Without this check, `https://api.friendlyscore.com/public/v3` fails later as a 404 from the token endpoint,
  // whose message points at the credentials instead.
  if (API_PATH_PREFIX.test(url.pathname))
    throw new PlankyValidationError(
      "baseUrl",
      `must not include the API's path (${url.pathname}): the client adds /public/v3/… and /oauth/v2/… itself, so pass the origin, e.g. ${url.origin}`,
    );
  return url.href.replace(/\/+$/, "");
}
