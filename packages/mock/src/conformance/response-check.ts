/**
 * Checks one HTTP answer against what the spec declares for its operation, with the client's checker
 * (`@planky-kit/client/validate`, the validators generated from the same spec at the client's build): the status,
 * the content type, the body against the schema, the declared headers. The conformance run, the validating proxy,
 * the drift tests and a client with `validateResponses` therefore find the same violations, worded alike, from one
 * piece of code. Messages name paths and expectations, never a value.
 */
import { type ResponseViolation, responseValidator } from "@planky-kit/client/validate";

export interface Violation extends ResponseViolation {
  operationId: string;
  status: number;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** The body as received; `""` when there was none. */
  body: string;
}

/** `getConsentStatus 200 /status: must be equal to one of the allowed values` */
export function formatViolation(violation: Violation): string {
  return `${violation.operationId} ${violation.status} ${violation.where || "(body)"}: ${violation.message}`;
}

const check = responseValidator("warn");

/** The violations of one answer to an operation (its method and path template as the spec writes them). */
export function checkAnswer(operation: { id: string; method: string; path: string }, answer: Answer): Violation[] {
  if (answer.status < 200 || answer.status > 599) {
    // No Response (what the checker reads) can carry it; and no operation of the spec declares one.
    return [
      { operationId: operation.id, status: answer.status, where: "status", message: "is not a final HTTP status" },
    ];
  }
  const found: Violation[] = [];
  check(
    {
      method: operation.method,
      path: operation.path,
      response: new Response(null, { status: answer.status, headers: answer.headers }),
      body: answer.body,
      bodyIsText: true,
    },
    ({ operationId, status, violations }) => {
      for (const violation of violations) found.push({ operationId, status, ...violation });
    },
  );
  return found;
}
