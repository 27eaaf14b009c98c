/**
 * A typed call's URL (`internal/url.ts`) is the one openapi-fetch's `createFinalURL` builds with its default
 * serializers, for every path of the spec and any string or number values: the lean builder replaced openapi-fetch's
 * serializers in the request loop, so any difference would change what is sent.
 */
import fc from "fast-check";
import { createFinalURL, createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { callUrl, fillPath } from "../../src/internal/url";
import { PROPERTY_RUNS } from "../property/config";
import { spec } from "../support/spec";

const BASE_URL = "https://planky.test";
const paths = Object.keys(spec.paths) as string[];
const querySerializer = createQuerySerializer();
const openapiFetchUrl = (path: string, params: { path?: Record<string, unknown>; query?: Record<string, unknown> }) =>
  createFinalURL(path, { baseUrl: BASE_URL, params, querySerializer, pathSerializer: defaultPathSerializer });

// Any text, including what must be percent-encoded (`/`, `?`, `#`, `%`, `&`, `=`, spaces, non-ASCII).
const value = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constantFrom("a/b", "?#&=%", "100%", "é ü", "$&"),
  fc.integer(),
);
const queryName = fc.constantFrom("page", "max_per_page", "url", "by-user-reference", "booking_date_time_from");

describe("callUrl", () => {
  test("equals openapi-fetch's URL for every spec path, path values and query", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.array(value, { minLength: 3, maxLength: 3 }),
        fc.dictionary(queryName, fc.option(value, { nil: undefined })),
        (path, values, query) => {
          const names = [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] as string);
          const pathParams = Object.fromEntries(names.map((name, index) => [name, values[index % values.length]]));
          const params = { path: pathParams, query };
          expect(callUrl(BASE_URL, { path: path as never, params })).toBe(openapiFetchUrl(path, params));
        },
      ),
      PROPERTY_RUNS,
    );
  });

  test("the spec has paths with parameters, so the property above fills some in", () => {
    expect(paths.filter((path) => path.includes("{")).length).toBeGreaterThan(5);
  });

  test("no query: no `?`; null and undefined values are left out, as openapi-fetch does", () => {
    const path = "/public/v3/customers/{customer_id}/banks";
    const params = { path: { customer_id: "c 1" }, query: { page: undefined, url: null } };
    expect(callUrl(BASE_URL, { path, params })).toBe(`${BASE_URL}/public/v3/customers/c%201/banks`);
    expect(callUrl(BASE_URL, { path, params })).toBe(openapiFetchUrl(path, params));
  });

  test("a parameter without a value stays as the spec writes it, as openapi-fetch leaves it", () => {
    expect(fillPath("/a/{x}/b/{y}", { x: "1/2" })).toBe("/a/1%2F2/b/{y}");
    expect(openapiFetchUrl("/a/{x}/b/{y}", { path: { x: "1/2" } })).toBe(`${BASE_URL}/a/1%2F2/b/{y}`);
  });
});
