/**
 * What the request loop tells an observer (e.g. `@planky-kit/client/otel`'s OpenTelemetry spans): a call starts,
 * each attempt starts and ends, the call ends. Types only, so a client without instrumentation carries nothing.
 */

/** The call as the observer sees it: its method and the spec's route template, never the filled-in path. */
export interface ObservedCall {
  method: string;
  /** The route template, e.g. `/public/v3/customers/{customer_id}/banks`. */
  path: string;
}

/** Observes the client's calls. `call()` is called once per call, after its input was checked. */
export interface Instrumentation {
  call(call: ObservedCall, baseUrl: string): CallObserver;
}

export interface CallObserver {
  /** Attempt `attempt` (1-based; a retry or the replay after a 401 is a new attempt) starts; the returned function
   * is called once when it ends, with the response, or with the error when no response came. */
  attempt(attempt: number): (response: Response | undefined, error?: unknown) => void;
  /** The call ended: `error` is what the caller got when it failed, `undefined` when it succeeded. */
  end(error: unknown): void;
}
