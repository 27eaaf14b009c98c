/**
 * Checks one answer against the spec with the validators generated at build time (ajv standalone code): the status
 * must be declared for the operation, the content type must be a declared one, the body must match the schema,
 * declared required headers must be there. The same checks as `planky-mock conformance` and `planky-mock proxy`.
 */
import { responseSpecs } from "../generated/response-validators";
import type { ResponseExchange, ResponseViolation } from "./response-hook";

type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}
type ResponseSpec = [
  status: string,
  media: [string, Validate | undefined][],
  headers: [string, boolean, Validate | undefined][],
];
const specs = responseSpecs as unknown as Record<string, [operationId: string, responses: ResponseSpec[]]>;

/** The operationId and violations of one answer; `undefined` when the call's operation is not in the spec. */
export function checkExchange(
  exchange: ResponseExchange,
): { operationId: string; status: number; violations: ResponseViolation[] } | undefined {
  const entry = specs[`${exchange.method} ${exchange.path}`];
  if (!entry) return undefined;
  const [operationId, responses] = entry;
  const { status, headers } = exchange.response;
  const violations: ResponseViolation[] = [];
  const code = String(status);
  const declared =
    responses.find(([s]) => s === code) ??
    responses.find(([s]) => s === `${code[0]}XX`) ??
    responses.find(([s]) => s === "default");
  if (!declared) {
    const known = responses.map(([s]) => s).join(", ");
    violations.push({
      where: "status",
      message: `HTTP ${status} is not declared for this operation (declared: ${known})`,
    });
    return { operationId, status, violations };
  }
  const [, media, declaredHeaders] = declared;
  for (const [name, required, validate] of declaredHeaders) {
    const value = headers.get(name);
    if (value === null) {
      if (required) violations.push({ where: `header ${name}`, message: "is required by the spec but missing" });
    } else if (validate && !validate(value)) {
      violations.push({ where: `header ${name}`, message: "does not match its schema" });
    }
  }
  const empty = exchange.body === undefined || exchange.body === "";
  if (media.length === 0) {
    if (!empty)
      violations.push({ where: "(body)", message: "the spec declares no body for this status, but one was sent" });
    return { operationId, status, violations };
  }
  const contentType = headers.get("content-type");
  if (contentType === null) {
    violations.push({
      where: "header content-type",
      message: `is missing (the spec declares ${media.map(([m]) => m).join(" or ")})`,
    });
    return { operationId, status, violations };
  }
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const matched = media.find(([m]) => m.toLowerCase() === mediaType);
  if (!matched) {
    const expected = media.map(([m]) => m).join(" or ");
    violations.push({
      where: "header content-type",
      message: `is ${mediaType || "empty"}, the spec declares ${expected}`,
    });
    return { operationId, status, violations };
  }
  const validate = matched[1];
  if (!validate || !/[/+]json$/.test(mediaType)) return { operationId, status, violations };
  let body = exchange.body;
  if (exchange.bodyIsText || typeof body === "string") {
    try {
      body = JSON.parse(body as string);
    } catch {
      violations.push({
        where: "(body)",
        message: empty ? "is empty, the spec declares a JSON body" : "is not valid JSON",
      });
      return { operationId, status, violations };
    }
  }
  if (!validate(body)) {
    for (const error of validate.errors ?? []) violations.push({ where: pointerOf(error), message: messageOf(error) });
  }
  return { operationId, status, violations };
}

/** The JSON pointer of an ajv error; for a missing property, the property itself (escaped per RFC 6901). */
export function pointerOf(error: AjvError): string {
  const missing = error.params.missingProperty;
  if (error.keyword === "required" && typeof missing === "string") {
    return `${error.instancePath}/${missing.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  }
  return error.instancePath;
}

/** The code is generated with `messages: false` (smaller); these match ajv's own wording, and never quote a value. */
export function messageOf(error: AjvError): string {
  const { keyword, params } = error;
  switch (keyword) {
    case "required":
      return "is required but missing";
    case "type":
      return `must be ${String(params.type)}`;
    case "enum":
      return "must be equal to one of the allowed values";
    case "const":
      return "must be equal to constant";
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `must be ${String(params.comparison)} ${String(params.limit)}`;
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
      return `must not have ${keyword.startsWith("min") ? "fewer" : "more"} than ${String(params.limit)} ${keyword.endsWith("Length") ? "characters" : "items"}`;
    case "pattern":
      return `must match pattern "${String(params.pattern)}"`;
    case "additionalProperties":
      return `must NOT have additional properties`;
    case "anyOf":
      return "must match a schema in anyOf";
    case "oneOf":
      return "must match exactly one schema in oneOf";
    default:
      return `must pass "${keyword}"`;
  }
}
