/**
 * The page the bank sends the customer back to (custom UX flow): Planky redirects "with a GET request, containing
 * the query parameters" `status`, `message`, `customer_id`, `consent_id`, `state` and `bank_slug`
 * (https://docs.planky.com/api-reference/v3.0/custom-ux-flow/allowed-redirects/create-allowed-redirect-url).
 * Checking `state` against the one `createBankFlowUrl()` returned is our advice: it is what tells a real return
 * from a forged or replayed one.
 */
import { PlankyError, PlankyValidationError } from "./errors";

/** The documented query parameters of the return from the bank, by Planky's names. */
export interface BankRedirect {
  /** `"Success"` if the customer shared their accounts, `"Error"` otherwise. */
  status: "Success" | "Error";
  /** "Additional description if status is error"; absent when Planky sends none. */
  message?: string;
  customer_id: string;
  /** The consent `createBankFlowUrl()` returned. */
  consent_id: string;
  /** Equal to the `state` you passed in (checked). */
  state: string;
  bank_slug: string;
}

export interface ParseBankRedirectOptions {
  /** The `state` that `consents.createBankFlowUrl()` returned for this customer's trip to the bank. */
  state: string;
}

/** The return URL is not a return from the bank this client can trust. `field` names the culprit. */
export class BankRedirectError extends PlankyError {
  override name = "BankRedirectError";
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`Invalid return from the bank: "${field}" ${problem}`);
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

/** `state` is missing or is not the one `createBankFlowUrl()` returned: a forged, replayed or mixed-up return. */
export class BankRedirectStateError extends BankRedirectError {
  override name = "BankRedirectStateError";

  constructor(problem: string) {
    super("state", problem);
  }
}

/** One value of a query parameter; a repeated parameter is refused (which one would Planky have meant?). */
function single(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) {
    const problem = "appears more than once";
    throw name === "state" ? new BankRedirectStateError(problem) : new BankRedirectError(name, problem);
  }
  return values[0];
}

function required(query: URLSearchParams, name: string): string {
  const value = single(query, name);
  if (value === undefined || value === "") throw new BankRedirectError(name, "is missing");
  return value;
}

/**
 * Reads the return from the bank, e.g. `parseBankRedirect(location.href, { state: flow.state })`. Returns the
 * documented parameters when `state` matches; a `status` of `"Error"` is returned, not thrown (show `message`).
 * Throws `BankRedirectStateError` when `state` is missing or differs, and `BankRedirectError` (naming the field)
 * when another parameter is missing, repeated or not one of its documented values. Neither error repeats a value
 * from the URL.
 */
export function parseBankRedirect(url: string | URL, options: ParseBankRedirectOptions): BankRedirect {
  if (typeof options !== "object" || options === null) {
    throw new PlankyValidationError("options", "expected { state } (from createBankFlowUrl())");
  }
  if (typeof options.state !== "string" || options.state === "") {
    throw new PlankyValidationError("state", "expected the non-empty state that createBankFlowUrl() returned");
  }
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    throw new BankRedirectError("url", "is not an absolute URL");
  }

  // The state first: nothing else in a return that is not ours is worth reading.
  const state = single(query, "state");
  if (state === undefined || state === "") throw new BankRedirectStateError("is missing");
  if (state !== options.state) {
    throw new BankRedirectStateError("does not match the state createBankFlowUrl() returned");
  }

  const status = required(query, "status");
  if (status !== "Success" && status !== "Error") throw new BankRedirectError("status", 'is not "Success" or "Error"');
  const message = single(query, "message");
  return {
    status,
    ...(message !== undefined && message !== "" && { message }),
    customer_id: required(query, "customer_id"),
    consent_id: required(query, "consent_id"),
    state,
    bank_slug: required(query, "bank_slug"),
  };
}
