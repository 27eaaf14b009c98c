/**
 * The one observer of the request loop. The loop reports each call as a few events that hold only the method, the
 * route template, the attempt number, the status, the server's request id and errors with credentials redacted;
 * never the call it runs (its body carries the client secret, its headers a token). The logger and
 * `instrumentation` (OpenTelemetry) are consumers of these events, and so are the response check's warnings.
 */
import type { CallObserver, Instrumentation } from "./instrumentation";
import type { ResponseViolation } from "./response-hook";

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

/** The call an observer watches: no parameter value, header or body. */
export interface CallFacts {
  method: string;
  /** The spec's route template, e.g. `/public/v3/customers/{customer_id}/banks`. */
  route: string;
  /** Origin and filled-in path, without the query (log lines name the customer a call was about). */
  target: string;
}

/** What happens to a call, in order: attempts (each answered, failed or aborted), retries, the end. */
export type LoopEvent =
  | { type: "attempt"; attempt: number }
  | { type: "response"; attempt: number; status: number; requestId: string | undefined }
  /** No answer: a timeout or a connection error (`error` redacted), or the caller's abort. */
  | { type: "connection-error" | "abort"; attempt: number; error: Error }
  | { type: "retry"; attempt: number; delayMs: number; status?: number; reason?: string }
  | { type: "response_mismatch"; attempt: number; operationId: string; status: number; violations: ResponseViolation[] }
  /** `error`: what the caller got, `undefined` when the call succeeded. */
  | { type: "end"; error: unknown };

/** Watches one call: receives its events. */
export type CallWatch = (event: LoopEvent) => void;
/** Starts watching a call. */
export type LoopObserver = (call: CallFacts) => CallWatch;

/** The one observer for a client's options; `undefined` when nothing observes (the loop then builds no event). */
export function loopObserver(
  logger: ((event: PlankyLogEvent) => void) | undefined,
  instrumentation: Instrumentation | undefined,
  baseUrl: string,
): LoopObserver | undefined {
  const parts = [
    logger && logConsumer(logger),
    instrumentation && instrumentationConsumer(instrumentation, baseUrl),
  ].filter((part) => part !== undefined);
  if (parts.length < 2) return parts[0];
  return (call) => {
    const watches = parts.map((part) => part(call));
    return (event) => {
      for (const watch of watches) watch(event);
    };
  };
}

/** The logger's events: an answer, a retry, a connection error, a response check's warning. */
function logConsumer(logger: (event: PlankyLogEvent) => void): LoopObserver {
  return ({ method, target }) => {
    const url = `${method} ${target}`;
    let started = 0;
    return (event) => {
      const { type } = event;
      if (type === "attempt") started = Date.now();
      if (type === "attempt" || type === "abort" || type === "end") return;
      const { error, requestId, ...fields } = event as { error?: Error; requestId?: string };
      const line = fields as PlankyLogEvent;
      // An answer or its absence has a duration; a connection error, the class of the error the caller would get.
      if (type === "response" || type === "connection-error") line.durationMs = Date.now() - started;
      if (error) line.reason = error.name;
      try {
        logger({ ...line, method, url });
      } catch {
        // A broken logger must not break the call it is logging.
      }
    };
  };
}

/**
 * The documented `instrumentation` option: it gets an `ObservedCall` built here from the method and route alone,
 * each attempt's status and request id, and the redacted error; nothing it could reach a credential through.
 */
function instrumentationConsumer(instrumentation: Instrumentation, baseUrl: string): LoopObserver {
  return ({ method, route }) => {
    const observer: CallObserver = instrumentation.call({ method, path: route }, baseUrl);
    let ended: ReturnType<CallObserver["attempt"]> | undefined;
    return (event) => {
      if (event.type === "attempt") ended = observer.attempt(event.attempt);
      else if (event.type === "response") ended?.({ status: event.status, requestId: event.requestId });
      else if (event.type === "end") observer.end(event.error);
      // A timeout, a connection error or the caller's abort: the attempt got no answer.
      else if (event.type !== "retry" && event.type !== "response_mismatch") ended?.(undefined, event.error);
    };
  };
}
