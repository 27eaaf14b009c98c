/**
 * What a client's request machinery holds (its settings, transport, URL builder, observer and credential sources),
 * and what one attempt through its transport returns. Types only: the request loop (`request.ts`) builds and runs a
 * `Loop`; the transports, failures and resources read it without importing the loop itself.
 */
import type { AttemptClock } from "./attempt-clock";
import type { UntypedCall } from "./call";
import type { LoopObserver, PlankyLogEvent } from "./observer";
import type { ResponseValidator } from "./response-hook";
import type { TokenSource } from "./tokens";

/** What openapi-fetch returns for one request: the body as `data` (2xx) or `error`, and the `Response`. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Sends one attempt of `call` with `headers` (its credential included), aborted by `signal`. */
export type Transport = (
  loop: Loop,
  call: UntypedCall,
  headers: Record<string, string> | undefined,
  signal: AbortSignal,
) => Promise<FetchResult>;

/** A client's settings, its transport and its credential sources: what `send` needs. */
export interface Loop {
  /**
   * The caller's `fetch`, called with a Request and the attempt's signal as `{ signal }`; `undefined`: the
   * platform's, looked up per call (so it can be replaced later, as tests and polyfills do).
   */
  readonly fetch: ((request: Request, init?: { signal?: AbortSignal }) => Promise<Response>) | undefined;
  /** Sends one attempt; the server client swaps in openapi-fetch's client for `raw` and middleware. */
  transport: Transport;
  /** Keeps every attempt's timeout on one timer. */
  readonly clock: AttemptClock;
  /** A call's URL (`url.ts`); the server client swaps in openapi-fetch's for `raw` calls. */
  url: (call: UntypedCall) => string;
  readonly baseUrl: string;
  /** `defaultHeaders`, lower-cased. */
  readonly headers: Record<string, string>;
  readonly timeout: number;
  readonly maxRetries: number;
  readonly initialRetryDelay: number;
  readonly maxRetryDelay: number;
  /** `defaultHeaders` sets its own Authorization: then no credential is added. */
  readonly defaultAuthorization: string | undefined;
  /** Also given to a shared token store, for its `token-store-error` events. */
  readonly logger: ((event: PlankyLogEvent) => void) | undefined;
  readonly validateResponses: ResponseValidator | undefined;
  /** The logger and the instrumentation as one observer; `undefined` when neither is set. */
  readonly observe: LoopObserver | undefined;
  /** Credentials known up front (client secret, a fixed token): redacted from every error. */
  readonly secrets: readonly string[];
  /** Where `auth: "bearer"` and `auth: "customer"` calls get their token. A source a client lacks is undefined. */
  readonly credentials: { bearer?: TokenSource; customer?: TokenSource };
}
