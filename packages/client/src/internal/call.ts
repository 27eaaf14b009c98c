/**
 * What a call is, as a resource method describes it to the request loop: the operation (typed from the spec), its
 * parameters and body, and the policy the loop applies (credential, repeat safety, error class). Types only.
 */
import type { Client, ClientPathsWithMethod, FetchResponse, ParamsOption, RequestBodyOption } from "openapi-fetch";
import type { APIErrorInit } from "../errors";
import type { paths } from "../generated/schema";

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
export interface CallPolicy {
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

/** Throws an `InvalidResponseError` for this call's 2xx body; `message` is prefixed with the method and path. */
export type InvalidBody = (message: string) => never;

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
