/** Checks on caller input that the type system cannot enforce for plain-JavaScript callers. */
import { PlankyValidationError } from "../errors";

export function nonEmptyString(field: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0)
    throw new PlankyValidationError(field, "expected a non-empty string");
  return value;
}

/** A value that becomes one URL path segment: non-empty and not a dot segment the URL parser would resolve. */
export function pathSegment(field: string, value: unknown): string {
  const segment = nonEmptyString(field, value);
  if (segment === "." || segment === "..") throw new PlankyValidationError(field, "must not be '.' or '..'");
  return segment;
}

/**
 * A credential for `Authorization: {scheme} {token}` (a customer token or an access token): a header value must
 * be one bare token. The message never repeats the value.
 */
export function credential(field: string, value: unknown, scheme: "AppUserToken" | "Bearer"): string {
  if (typeof value !== "string" || value.length === 0)
    throw new PlankyValidationError(field, "expected a non-empty string");
  if (value.toLowerCase().startsWith(`${scheme.toLowerCase()} `)) {
    throw new PlankyValidationError(field, `pass the bare token; the client adds the '${scheme} ' prefix itself`);
  }
  // Also rejects non-ASCII: a header value must be bytes, and a token never needs more than visible ASCII.
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new PlankyValidationError(field, "must not contain spaces, line breaks, control or non-ASCII characters");
  }
  return value;
}

/** An absolute URL (any scheme: an app may return to `myapp://…`), passed on as given. */
export function absoluteUrl(field: string, value: unknown): string {
  try {
    new URL(value as string);
  } catch {
    throw new PlankyValidationError(field, "expected an absolute URL");
  }
  return value as string;
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

/** A duration option (`timeout`, retry delays): a positive, finite number of milliseconds. */
export function positiveMs(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
    throw new PlankyValidationError(field, "expected a positive number of milliseconds");
  return value;
}

export function nonNegativeInteger(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw new PlankyValidationError(field, "expected a whole number >= 0");
  return value;
}

/**
 * Extra headers as a plain object with lower-case names (what openapi-fetch merges fastest); an invalid name or
 * value is reported by name only (the value may be a secret).
 */
export function headerObject(field: string, value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new PlankyValidationError(field, "expected an object of header names to string values");
  const entries = value instanceof Headers ? [...value] : Object.entries(value);
  for (const [name, headerValue] of entries) {
    try {
      if (typeof headerValue !== "string") throw new TypeError();
      // biome-ignore lint/suspicious/noControlCharactersInRegex: Headers would strip or reject these; we refuse them.
      if (/[\u0000-\u001f\u007f]/.test(headerValue)) throw new TypeError();
      // Headers checks the name and normalises it (case, surrounding whitespace in the value).
      const checked = new Headers([[name, headerValue]]);
      for (const [normalName, normalValue] of checked) headers[normalName] = normalValue;
    } catch {
      throw new PlankyValidationError(`${field}.${name}`, "expected a string header value without line breaks");
    }
  }
  return headers;
}

/** An optional callback option (e.g. `validateResponses`): a function, or absent. */
export function optionalFunction<T>(field: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== "function") throw new PlankyValidationError(field, "expected a function");
  return value;
}
