/**
 * What the request loop tells an observer (e.g. `@planky-kit/client/otel`'s OpenTelemetry spans): a call starts,
 * each attempt starts and ends, the call ends. Types only, so a client without instrumentation carries nothing.
 *
 * An observer receives exactly what these types say: the method, the route template, the attempt number, the
 * status, the server's request id and errors with credentials redacted. Never a header, a body, a parameter value
 * or a token: the objects it gets are built for it, not the client's own.
 */

/** The call as the observer sees it: its method and the spec's route template, never the filled-in path. */
export interface ObservedCall {
  method: string;
  /** The route template, e.g. `/public/v3/customers/{customer_id}/banks`. */
  path: string;
}

/** An attempt's answer as the observer sees it. */
export interface ObservedResponse {
  status: number;
  /** The server's request id (`x-request-id` or similar), when it sent one. */
  requestId: string | undefined;
}

/** Observes the client's calls. `call()` is called once per call, after its input was checked. */
export interface Instrumentation {
  call(call: ObservedCall, baseUrl: string): CallObserver;
}

export interface CallObserver {
  /**
   * Attempt `attempt` (1-based; a retry or the replay after a 401 is a new attempt) starts; the returned function
   * is called once when it ends, with the answer, or with the error (credentials redacted) when no answer came.
   */
  attempt(attempt: number): (response: ObservedResponse | undefined, error?: unknown) => void;
  /** The call ended: `error` is what the caller got when it failed, `undefined` when it succeeded. */
  end(error: unknown): void;
}
