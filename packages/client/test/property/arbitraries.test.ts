/**
 * The generators checked against an independent validator (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses) without
 * any server: every "valid" body validates, and every "invalid" one fails on exactly the field it claims to break.
 * The Prism property tests rely on both.
 */
import Ajv2020, { type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { spec } from "../support/spec";
import { PROPERTY_RUNS } from "./config";
import { requestBodyOperations } from "./request-bodies";
import { SchemaArbitraries } from "./schema-arbitraries";

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, "spec");
const arbitraries = new SchemaArbitraries(spec);

/** The top-level field an ajv error is about. */
function fieldOf(error: ErrorObject): string {
  if (error.keyword === "required") return String(error.params.missingProperty);
  return error.instancePath.split("/")[1] ?? "";
}

describe.each(requestBodyOperations)("$operationId request body", ({ schema, pointer }) => {
  const validate = ajv.compile({ $ref: `spec${pointer}` });

  test("every generated valid body validates", () => {
    fc.assert(
      fc.property(arbitraries.valid(schema), (body) => {
        expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      }),
      PROPERTY_RUNS,
    );
  });

  test("every generated invalid body fails on exactly the field it breaks", () => {
    fc.assert(
      fc.property(arbitraries.invalid(schema), ({ body, field }) => {
        expect(validate(body)).toBe(false);
        expect([...new Set(validate.errors?.map(fieldOf))]).toEqual([field]);
      }),
      PROPERTY_RUNS,
    );
  });
});

test("a keyword the generators do not know is an error, not a silently wrong value", () => {
  expect(() => arbitraries.valid({ type: "string", pattern: "^a+$" })).toThrow(/does not support "pattern"/);
});
