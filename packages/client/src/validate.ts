/** Checks on caller input that the type system cannot enforce for plain-JavaScript callers. */
import { PlankyValidationError } from "./errors";

/** A value that becomes one URL path segment: non-empty and not a dot segment the URL parser would resolve. */
export function pathSegment(field: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0)
    throw new PlankyValidationError(field, "expected a non-empty string");
  if (value === "." || value === "..") throw new PlankyValidationError(field, "must not be '.' or '..'");
  return value;
}

/** A customer token for `Authorization: AppUserToken {token}`: a header value must be a single bare token. */
export function customerToken(field: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0)
    throw new PlankyValidationError(field, "expected a non-empty string");
  if (/^AppUserToken\s/i.test(value)) {
    throw new PlankyValidationError(field, "pass the bare token; the client adds the 'AppUserToken ' prefix itself");
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  if (/[\s\u0000-\u001f\u007f]/.test(value)) {
    throw new PlankyValidationError(field, "must not contain spaces, line breaks or control characters");
  }
  return value;
}

/** A JSON request body must be a plain object; anything else would be sent as something the caller did not mean. */
export function jsonObject<T>(field: string, value: T): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PlankyValidationError(field, "expected an object");
  }
  return value;
}

export function positiveInteger(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1)
    throw new PlankyValidationError(field, "expected a whole number ≥ 1");
  return value;
}

export function nonEmptyString(field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim().length === 0)
    throw new PlankyValidationError(field, "expected a non-empty string");
  return value;
}
