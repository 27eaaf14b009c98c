/**
 * `@planky-kit/client/validate`: opt-in checks of every answer against the spec the client was built from.
 *
 * ```ts
 * import { responseValidator } from "@planky-kit/client/validate";
 * const planky = createPlankyClient({ clientId, clientSecret, validateResponses: responseValidator("warn"), logger });
 * ```
 *
 * A separate entry, so a client without the check does not carry the validators.
 */
import { PlankyError, PlankyValidationError } from "./errors";
import { checkExchange } from "./internal/response-check";
import type { ResponseValidator, ResponseViolation } from "./internal/response-hook";

export type { PlankyError } from "./errors";
export type { ResponseExchange, ResponseValidator, ResponseViolation } from "./internal/response-hook";

/**
 * An answer broke the spec and the validator's mode is `"throw"`. Carries the operation, the status and where the
 * answer differs, never a value from the body or a credential.
 */
export class ResponseValidationError extends PlankyError {
  override name = "ResponseValidationError";
  readonly operationId: string;
  readonly status: number;
  readonly violations: readonly ResponseViolation[];

  constructor(mismatch: { operationId: string; status: number; violations: ResponseViolation[] }) {
    const first = mismatch.violations[0];
    const more = mismatch.violations.length > 1 ? ` (and ${mismatch.violations.length - 1} more)` : "";
    super(
      `The answer to ${mismatch.operationId} (HTTP ${mismatch.status}) does not match the spec: ${first?.where || "(body)"} ${first?.message ?? ""}${more}`,
    );
    this.operationId = mismatch.operationId;
    this.status = mismatch.status;
    this.violations = mismatch.violations;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), operationId: this.operationId, status: this.status, violations: this.violations };
  }
}

/**
 * The value for the `validateResponses` client option. `"warn"`: a call whose answer breaks the spec still
 * resolves (or fails as it would without the check), and the `logger` gets a `response_mismatch` event.
 * `"throw"`: the call rejects with `ResponseValidationError` instead.
 */
export function responseValidator(mode: "warn" | "throw" = "warn"): ResponseValidator {
  if (mode !== "warn" && mode !== "throw") {
    throw new PlankyValidationError("mode", 'expected "warn" or "throw"');
  }
  return (exchange, warn) => {
    const mismatch = checkExchange(exchange);
    if (!mismatch || mismatch.violations.length === 0) return;
    if (mode === "throw") throw new ResponseValidationError(mismatch);
    warn(mismatch);
  };
}
