/**
 * `canonicalJson` (the sync cursor's fingerprints, the webhook handler's dedupe keys) is written by hand for speed;
 * it must give exactly the text of the replacer it replaced (so cursors and dedupe keys made by an earlier client
 * still match), whatever the order of the keys.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { canonicalJson } from "../../src/internal/fingerprint";
import { PROPERTY_RUNS } from "./config";

/** The former implementation: JSON.stringify with a replacer making sorted copies. */
const reference = (value: unknown) =>
  JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "object" && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );

/** The same value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversed(item)]),
  );
}

test("gives the former replacer's text for any JSON value, integer-like keys included", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      expect(canonicalJson(value)).toBe(reference(value));
    }),
    PROPERTY_RUNS,
  );
  const tricky = { b: [1, undefined, () => 1], "10": 1, "2": 2, a: { toJSON: () => ({ y: 1, x: 2 }) }, d: new Date(0) };
  expect(canonicalJson(tricky)).toBe(reference(tricky));
  expect(canonicalJson(tricky)).toBe(
    '{"2":2,"10":1,"a":{"x":2,"y":1},"b":[1,null,null],"d":"1970-01-01T00:00:00.000Z"}',
  );
});

test("does not depend on the order of keys", () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      expect(canonicalJson(reversed(value))).toBe(canonicalJson(value));
    }),
    PROPERTY_RUNS,
  );
});
