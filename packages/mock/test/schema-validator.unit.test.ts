/**
 * How the mock reports a value that breaks a schema (`validateAgainst`): where (`in`), which field as a developer
 * would write it (`data[0].id`, `body.email`), and what is wrong, with `$ref`s into the spec resolved.
 */
import { describe, expect, test } from "vitest";
import { validateAgainst } from "../src/schema-validator";
import type { Schema } from "../src/spec-document";

describe("validateAgainst", () => {
  test("a valid value has no problems", () => {
    expect(validateAgainst({ type: "integer", minimum: 1 }, 3, "query", "page")).toEqual([]);
  });

  test("nested fields read as a developer writes them: data[0].id, data[12].name", () => {
    const schema = {
      type: "object",
      properties: {
        data: {
          type: "array",
          items: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } } },
        },
      },
    } as Schema;
    const items = Array.from({ length: 13 }, () => ({ id: 1, name: "n" }));
    items[0] = { id: "x" as never, name: "n" };
    items[12] = { id: 1, name: 5 as never };
    expect(validateAgainst(schema, { data: items }, "body")).toEqual([
      { in: "body", field: "data[0].id", problem: "must be integer" },
      { in: "body", field: "data[12].name", problem: "must be string" },
    ]);
  });

  test("a missing property is named after its parent, with the prefix: body.owner.email is required", () => {
    const schema = {
      type: "object",
      properties: { owner: { type: "object", required: ["email"] } },
    } as Schema;
    expect(validateAgainst(schema, { owner: {} }, "body", "body")).toEqual([
      { in: "body", field: "body.owner.email", problem: "is required" },
    ]);
  });

  test("the prefix alone names a problem of the whole value; no prefix and no path is the empty field", () => {
    expect(validateAgainst({ type: "integer" }, "x", "query", "page")).toEqual([
      { in: "query", field: "page", problem: "must be integer" },
    ]);
    expect(validateAgainst({ type: "object" }, [], "body")).toEqual([
      { in: "body", field: "", problem: "must be object" },
    ]);
  });

  test("a key holding / or ~ is unescaped from its JSON pointer; a key with digits is not an index", () => {
    const schema = { type: "object", additionalProperties: { type: "string" } } as Schema;
    expect(validateAgainst(schema, { "a/b": 1, "c~d": 2, v1: 3, "1v": 4 }, "body", "meta")).toEqual([
      { in: "body", field: "meta.a/b", problem: "must be string" },
      { in: "body", field: "meta.c~d", problem: "must be string" },
      { in: "body", field: "meta.v1", problem: "must be string" },
      { in: "body", field: "meta.1v", problem: "must be string" },
    ]);
  });

  test("an extra property is named", () => {
    const schema = { type: "object", properties: {}, additionalProperties: false } as Schema;
    expect(validateAgainst(schema, { extra: 1 }, "body")).toEqual([
      { in: "body", field: "extra", problem: "must NOT have additional properties" },
    ]);
  });

  test("an enum lists the allowed values", () => {
    expect(validateAgainst({ enum: ["Success", "Error"] } as Schema, "Nope", "query", "status")).toEqual([
      { in: "query", field: "status", problem: 'must be one of ["Success","Error"]' },
    ]);
  });

  test("a schema may $ref the spec's components", () => {
    const problems = validateAgainst({ $ref: "#/components/schemas/CreateCustomerRequest" } as Schema, {}, "body");
    expect(problems).toEqual([{ in: "body", field: "user_reference", problem: "is required" }]);
  });

  test("a $ref already naming the spec is used as it is", () => {
    const schema = { $ref: "planky-spec#/components/schemas/CreateCustomerRequest" } as Schema;
    expect(validateAgainst(schema, {}, "body")).toEqual([
      { in: "body", field: "user_reference", problem: "is required" },
    ]);
  });

  test("a value that looks like a $ref, or a property named $ref, is left alone", () => {
    const schema = {
      type: "object",
      properties: { $ref: { type: "string", enum: ["#/keep"] } },
    } as Schema;
    expect(validateAgainst(schema, { $ref: "#/keep" }, "body")).toEqual([]);
    expect(validateAgainst(schema, { $ref: "planky-spec#/keep" }, "body")).toEqual([
      { in: "body", field: "$ref", problem: 'must be one of ["#/keep"]' },
    ]);
  });

  test("the same schema object validates the same way twice (compiled once)", () => {
    const schema = { type: "string" } as Schema;
    expect(validateAgainst(schema, 1, "body")).toHaveLength(1);
    expect(validateAgainst(schema, "ok", "body")).toEqual([]);
    expect(validateAgainst(schema, 2, "body")).toHaveLength(1);
  });
});
