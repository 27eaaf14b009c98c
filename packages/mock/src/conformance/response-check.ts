/**
 * Checks one HTTP answer against what the bundled spec declares for its operation: the status, the content type,
 * the body against the schema, and the declared headers. The conformance run, the validating proxy and the drift
 * tests share it, so all three find the same violations. Messages name paths and expectations, never a value.
 */
import type { ErrorObject } from "ajv";
import { deref, type MockOperation, operations } from "../operations";
import { schemaErrors } from "../schema-validator";
import type { HeaderObject, ResponseObject } from "../spec-document";

export interface Violation {
  operationId: string;
  status: number;
  /** A JSON pointer into the body (`/status`, `/data/0/id`, `` for the whole body), or `header <name>`, or `status`. */
  where: string;
  message: string;
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

/** The operation the spec declares for this method and concrete path (`undefined` when the spec has none). */
export function findOperation(method: string, pathname: string): MockOperation | undefined {
  const upper = method.toUpperCase();
  return operations.find((op) => op.method === upper && pathPattern(op.path).test(pathname));
}

const patterns = new Map<string, RegExp>();
function pathPattern(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    const escaped = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
    pattern = new RegExp(`^${escaped}/?$`);
    patterns.set(path, pattern);
  }
  return pattern;
}

/** The response the spec declares for `status`: the exact code, then `2XX`-style ranges, then `default`. */
export function declaredResponse(operation: MockOperation, status: number): ResponseObject | undefined {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

export function checkAnswer(operation: MockOperation, answer: Answer): Violation[] {
  const violations: Violation[] = [];
  const report = (where: string, message: string) =>
    violations.push({ operationId: operation.id, status: answer.status, where, message });
  const declared = declaredResponse(operation, answer.status);
  if (!declared) {
    const known = Object.keys(operation.responses).join(", ");
    report("status", `HTTP ${answer.status} is not declared for this operation (declared: ${known})`);
    return violations;
  }
  for (const [name, raw] of Object.entries(declared.headers ?? {})) {
    const header = deref(raw) as HeaderObject & { required?: boolean };
    const value = answer.headers.get(name);
    if (value === null) {
      if (header.required) report(`header ${name.toLowerCase()}`, "is required by the spec but missing");
      continue;
    }
    if (header.schema && schemaErrors(header.schema, value).length > 0) {
      report(`header ${name.toLowerCase()}`, `does not match its schema (${describeSchema(header.schema)})`);
    }
  }
  const media = Object.keys(declared.content ?? {});
  const contentType = answer.headers.get("content-type");
  if (media.length === 0) {
    if (answer.body !== "") report("(body)", "the spec declares no body for this status, but one was sent");
    return violations;
  }
  if (contentType === null) {
    report("header content-type", `is missing (the spec declares ${media.join(" or ")})`);
    return violations;
  }
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const matched = media.find((m) => m.toLowerCase() === mediaType);
  if (!matched) {
    report("header content-type", `is ${mediaType || "empty"}, the spec declares ${media.join(" or ")}`);
    return violations;
  }
  const schema = declared.content?.[matched]?.schema;
  if (!/[/+]json$/.test(mediaType) || !schema) return violations;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    report("(body)", answer.body === "" ? "is empty, the spec declares a JSON body" : "is not valid JSON");
    return violations;
  }
  for (const error of schemaErrors(schema, body)) report(pointerOf(error), messageOf(error));
  return violations;
}

/** ajv's instance path, with the missing property appended for `required` (that is where the field should be). */
function pointerOf(error: ErrorObject): string {
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  if (error.keyword === "required" && typeof missing === "string") {
    return `${error.instancePath}/${missing.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  }
  return error.instancePath;
}

/** ajv's messages name the expectation (type, enum, pattern), never the value; `required` is reworded for the path. */
function messageOf(error: ErrorObject): string {
  if (error.keyword === "required") return "is required but missing";
  return error.message ?? error.keyword;
}

function describeSchema(schema: Record<string, unknown>): string {
  return typeof schema.type === "string" ? `type ${schema.type}` : "see the spec";
}
