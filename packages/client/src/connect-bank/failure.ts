/**
 * What went wrong, as a value: the connect-bank flow returns these rather than throwing, so a screen can switch on
 * `kind` and no error is ever left uncaught between a click and a redirect.
 */
import { APIConnectionError, APIUserAbortError, AuthenticationError, type PlankyError } from "../errors";

/**
 * - `expired-token`: the API refused the customer token (401), even after the client asked your token function for
 *   a fresh one: ask your server for a new token (or sign the customer in again).
 * - `network`: no answer from the API (connection refused, reset, DNS) or none within the client's `timeout`.
 * - `aborted`: your `signal` fired.
 * - `storage-unavailable`: `sessionStorage` threw (a browser that blocks storage, e.g. some private modes or a
 *   sandboxed iframe), so the flow cannot keep its `state` across the trip to the bank.
 * - `error`: anything else, e.g. a 4xx/5xx `APIError` or a `PlankyValidationError` naming the bad parameter.
 */
export type ConnectBankFailure =
  | { kind: "expired-token"; error: AuthenticationError }
  | { kind: "network"; error: APIConnectionError }
  | { kind: "aborted"; error: APIUserAbortError }
  | { kind: "storage-unavailable"; error: unknown }
  | { kind: "error"; error: PlankyError | Error | unknown };

/** Sorts an error the client threw into a `ConnectBankFailure` (never throws). */
export function failureOf(error: unknown): ConnectBankFailure {
  if (error instanceof AuthenticationError) return { kind: "expired-token", error };
  // APIConnectionTimeoutError is an APIConnectionError: no answer in time is a network failure to the customer.
  if (error instanceof APIConnectionError) return { kind: "network", error };
  if (error instanceof APIUserAbortError) return { kind: "aborted", error };
  return { kind: "error", error };
}
