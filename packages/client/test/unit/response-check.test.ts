/**
 * `checkExchange`, the response check behind `validateResponses`, case by case: the status, the content type, the
 * body against the spec's schema, and the wording of every violation (never a value from the body).
 */
import { describe, expect, test } from "vitest";
import { type AjvError, checkExchange, messageOf, pointerOf } from "../../src/internal/response-check";

const BANKS = "/public/v3/customers/{customer_id}/banks";
const DELETE = "/public/v3/webflow/banks/{bank_slug}/consent/delete";
const BANKS_STATUSES = "200, 401, 403, 404, 429, 500, 503";

function exchange(
  status: number,
  body: unknown,
  { path = BANKS, method = "GET", contentType = "application/json" as string | null, bodyIsText = true } = {},
) {
  const headers = new Headers(contentType === null ? {} : { "content-type": contentType });
  return { method, path, response: new Response(null, { status, headers }), body, bodyIsText };
}

const check = (...args: Parameters<typeof exchange>) => checkExchange(exchange(...args));

describe("checkExchange", () => {
  test("an operation the spec lacks: undefined (nothing to check against)", () => {
    expect(check(200, "{}", { path: "/public/v3/nowhere" })).toBeUndefined();
    expect(check(200, "{}", { method: "POST" })).toBeUndefined();
  });

  test("a conforming answer: its operationId and status, no violation", () => {
    expect(check(200, '{"data":[]}')).toEqual({ operationId: "listCustomerBanks", status: 200, violations: [] });
    expect(check(200, { data: [] }, { bodyIsText: false })).toEqual({
      operationId: "listCustomerBanks",
      status: 200,
      violations: [],
    });
  });

  test("a status the operation does not declare: one violation listing the declared ones", () => {
    expect(check(418, '{"data":[]}')).toEqual({
      operationId: "listCustomerBanks",
      status: 418,
      violations: [
        { where: "status", message: `HTTP 418 is not declared for this operation (declared: ${BANKS_STATUSES})` },
      ],
    });
  });

  test("a status declared without a body (204): an empty body conforms, any body does not", () => {
    for (const empty of ["", undefined]) {
      expect(check(204, empty, { path: DELETE, method: "DELETE", contentType: null })?.violations).toEqual([]);
    }
    expect(check(204, "x", { path: DELETE, method: "DELETE", contentType: null })?.violations).toEqual([
      { where: "(body)", message: "the spec declares no body for this status, but one was sent" },
    ]);
  });

  test("the content type: missing, empty, or another one", () => {
    expect(check(200, '{"data":[]}', { contentType: null })?.violations).toEqual([
      { where: "header content-type", message: "is missing (the spec declares application/json)" },
    ]);
    expect(check(200, '{"data":[]}', { contentType: "text/html; charset=utf-8" })?.violations).toEqual([
      { where: "header content-type", message: "is text/html, the spec declares application/json" },
    ]);
    expect(check(200, '{"data":[]}', { contentType: ";" })?.violations).toEqual([
      { where: "header content-type", message: "is empty, the spec declares application/json" },
    ]);
  });

  test("the media type matches without its parameters and whatever its case", () => {
    expect(check(200, '{"data":[]}', { contentType: " Application/JSON ; charset=utf-8" })?.violations).toEqual([]);
  });

  test("a body that is not JSON, or empty, where the spec declares JSON", () => {
    expect(check(200, "<html>")?.violations).toEqual([{ where: "(body)", message: "is not valid JSON" }]);
    expect(check(200, "")?.violations).toEqual([
      { where: "(body)", message: "is empty, the spec declares a JSON body" },
    ]);
    // An error answer openapi-fetch could not parse arrives as a string although bodyIsText is false.
    expect(check(404, "not found", { bodyIsText: false })?.violations).toEqual([
      { where: "(body)", message: "is not valid JSON" },
    ]);
  });

  test("declared headers: Retry-After is optional on a 429, and checked against its schema when present", () => {
    const error = '{"message":"slow down"}';
    expect(check(429, error)?.violations).toEqual([]);
    const withHeader = exchange(429, error);
    withHeader.response.headers.set("retry-after", "30");
    expect(checkExchange(withHeader)).toEqual({ operationId: "listCustomerBanks", status: 429, violations: [] });
  });

  test("schema violations: a JSON pointer and ajv's wording, never the value", () => {
    expect(check(200, '{"data":"secret-value"}')?.violations).toEqual([{ where: "/data", message: "must be array" }]);
    expect(check(200, "{}")?.violations).toEqual([{ where: "/data", message: "is required but missing" }]);
    expect(JSON.stringify(check(200, '{"data":"secret-value"}'))).not.toContain("secret-value");
  });
});

const ajv = (keyword: string, params: Record<string, unknown> = {}, instancePath = "/a"): AjvError => ({
  instancePath,
  keyword,
  params,
});

describe("pointerOf", () => {
  test("the instance path, or for a missing property the property's own pointer, escaped", () => {
    expect(pointerOf(ajv("type", { type: "string" }, "/data/0"))).toBe("/data/0");
    expect(pointerOf(ajv("required", { missingProperty: "a/b~c" }, "/x"))).toBe("/x/a~1b~0c");
    expect(pointerOf(ajv("required", { missingProperty: "id" }, ""))).toBe("/id");
    expect(pointerOf(ajv("required", {}, "/x"))).toBe("/x");
    expect(pointerOf(ajv("enum", { missingProperty: "id" }, "/x"))).toBe("/x");
  });
});

describe("messageOf", () => {
  test.each([
    [ajv("required"), "is required but missing"],
    [ajv("type", { type: "integer" }), "must be integer"],
    [ajv("enum"), "must be equal to one of the allowed values"],
    [ajv("const"), "must be equal to constant"],
    [ajv("minimum", { comparison: ">=", limit: 1 }), "must be >= 1"],
    [ajv("maximum", { comparison: "<=", limit: 9 }), "must be <= 9"],
    [ajv("exclusiveMinimum", { comparison: ">", limit: 0 }), "must be > 0"],
    [ajv("exclusiveMaximum", { comparison: "<", limit: 5 }), "must be < 5"],
    [ajv("minLength", { limit: 2 }), "must not have fewer than 2 characters"],
    [ajv("maxLength", { limit: 3 }), "must not have more than 3 characters"],
    [ajv("minItems", { limit: 1 }), "must not have fewer than 1 items"],
    [ajv("maxItems", { limit: 4 }), "must not have more than 4 items"],
    [ajv("pattern", { pattern: "^a$" }), 'must match pattern "^a$"'],
    [ajv("additionalProperties"), "must NOT have additional properties"],
    [ajv("anyOf"), "must match a schema in anyOf"],
    [ajv("oneOf"), "must match exactly one schema in oneOf"],
    [ajv("format", { format: "date-time" }), 'must pass "format"'],
  ])("%o → %s", (error, message) => {
    expect(messageOf(error)).toBe(message);
  });
});
