/** JSON Schema 2020-12 validation (as OpenAPI 3.1 uses) of values against schemas inside the bundled spec. */
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { spec } from "./generated/spec";
import type { Schema } from "./spec-document";

const SPEC_ID = "planky-spec";
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, SPEC_ID);
const compiled = new WeakMap<Schema, ValidateFunction>();

export interface Problem {
  /** Where the problem is: `body`, `query`, `path` or `header`. */
  in: "body" | "query" | "path" | "header";
  /** The offending field, e.g. `email`, `data[0].id`, `max_per_page`; `""` for the whole value. */
  field: string;
  problem: string;
}

/** ajv's errors for `value` against `schema` (empty when valid). `schema` may `$ref` anything in the spec. */
export function schemaErrors(schema: Schema, value: unknown): ErrorObject[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(toSpecRefs(schema));
    compiled.set(schema, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []);
}

/** Problems of `value` against `schema` (empty when valid). `schema` may `$ref` anything in the spec. */
export function validateAgainst(schema: Schema, value: unknown, where: Problem["in"], prefix = ""): Problem[] {
  return schemaErrors(schema, value).map((error) => ({
    in: where,
    field: fieldOf(error, prefix),
    problem: problemOf(error),
  }));
}

/** `/data/0/id` + `required: email` → `data[0].id.email`: the field a developer would look for. */
function fieldOf(error: ErrorObject, prefix: string): string {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const params: Record<string, unknown> = error.params;
  const named = params.missingProperty ?? params.additionalProperty ?? params.propertyName;
  if (typeof named === "string") segments.push(named);
  const path = segments.reduce((at, s) => (/^\d+$/.test(s) ? `${at}[${s}]` : at ? `${at}.${s}` : s), "");
  return prefix && path ? `${prefix}.${path}` : prefix || path;
}

function problemOf(error: ErrorObject): string {
  if (error.keyword === "required") return "is required";
  if (error.keyword === "enum") return `must be one of ${JSON.stringify(error.params.allowedValues)}`;
  return error.message ?? error.keyword;
}

/** Local `#/...` refs inside a schema taken out of the spec must point back into the registered spec. */
function toSpecRefs(schema: Schema): Schema {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${SPEC_ID}${value}` : value,
  );
}
