/**
 * The one place the request loop meets the opt-in response check (`validateResponses`, built by
 * `responseValidator()` from `@planky-kit/client/validate`). Types only: a client without the check carries none
 * of its code.
 */

/** One way an answer breaks the spec: where (a JSON pointer into the body, `header <name>`, or `status`) and what. */
export interface ResponseViolation {
  /** `/status`, `/data/0/id` (a JSON pointer into the body; `""` for the whole body), `header content-type`, `status`. */
  where: string;
  /** What the spec expects there, e.g. `must be integer`; never the value received. */
  message: string;
}

/** What the loop hands the check for every answer it receives. */
export interface ResponseExchange {
  method: string;
  /** The operation's path as the spec writes it, e.g. `/public/v3/webflow/banks/{bank_slug}/consent/status`. */
  path: string;
  response: Response;
  /** The body as openapi-fetch left it: text for typed calls' 2xx, else parsed JSON or the raw text. */
  body: unknown;
  /** `body` is the text as received (typed calls' 2xx), not a value openapi-fetch already parsed. */
  bodyIsText: boolean;
}

/**
 * Checks one answer; with mode `"warn"` it calls `warn`, with `"throw"` it throws `ResponseValidationError`.
 * Build one with `responseValidator()` from `@planky-kit/client/validate`.
 */
export type ResponseValidator = (
  exchange: ResponseExchange,
  warn: (mismatch: { operationId: string; status: number; violations: ResponseViolation[] }) => void,
) => void;
