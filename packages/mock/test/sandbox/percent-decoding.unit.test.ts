/** The guard's decoder agrees with `decodeURIComponent` on what decodes and to what, without throwing. */
import { describe, expect, test } from "vitest";
import { escapeProblem, percentDecoded } from "../../src/sandbox/http/percent-decoding";

function reference(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

describe("percentDecoded", () => {
  test.each([
    "barclays",
    "",
    "a%20b",
    "%25",
    "%2525ZZ",
    "%e2%82%ac-euro",
    "%F0%9F%98%80",
    "caf\u00e9",
    "%ZZ",
    "%",
    "%4",
    "a%",
    "%E0%A4%A",
    "%C3",
    "%C3%28",
    "%80",
    "%ED%A0%80",
    "%C0%AF",
    "%F4%90%80%80",
    "%E2%82",
    "%E2%82%ACx%AC",
    "\u00c3%A9",
  ])("%j decodes as decodeURIComponent does", (text) => {
    expect(percentDecoded(text)).toBe(reference(text));
  });
});

describe("escapeProblem", () => {
  test("a malformed escape, with the hint to send a literal % as %25", () => {
    expect(escapeProblem("%ZZ", '"%ZZ"', { twice: false })).toBe(
      'has a malformed percent-escape in "%ZZ" (send a literal % as %25)',
    );
  });

  test("where the segment is decoded twice, the hint does not suggest %25, which is refused there too", () => {
    expect(escapeProblem("%ZZ", '"%ZZ"', { twice: true })).toBe(
      'has a malformed percent-escape in "%ZZ" (the sandbox cannot take a literal % here: Prism decodes path parameters twice)',
    );
  });

  test("an escape of a malformed escape is refused only where the segment is decoded twice", () => {
    expect(escapeProblem("%25ZZ", '"%25ZZ"', { twice: false })).toBeUndefined();
    expect(escapeProblem("%25ZZ", '"%25ZZ"', { twice: true })).toMatch(
      /^decodes to a malformed percent-escape in "%25ZZ" \(the sandbox cannot take a literal %/,
    );
    expect(escapeProblem("%2525", '"%2525"', { twice: true })).toBeUndefined();
  });
});
