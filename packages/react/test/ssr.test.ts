// @vitest-environment node
/**
 * Server rendering: the built package imports in Node with no `window`, `document` or `sessionStorage`, and a page
 * using every hook renders to HTML without calling the API or touching browser globals (effects run only in a
 * browser, after hydration).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { expect, test, vi } from "vitest";
import { PlankyProvider, useBankReturn, useBanks, useConnectBank, useConsentStatus } from "../dist/index.js";
import { RETURN_URL } from "./support";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** Makes reading any browser global throw, so an import that touches one fails loudly. */
const trap = `for (const name of ["window", "document", "sessionStorage", "localStorage", "location"]) {
  Object.defineProperty(globalThis, name, { configurable: true, get() { throw new Error("read " + name); } });
}`;

test("importing the package in plain Node (ESM and CJS) reads no browser global", () => {
  for (const [flag, code] of [
    ["--input-type=module", `${trap}; const m = await import("@planky-kit/react"); console.log(Object.keys(m).length)`],
    ["--input-type=commonjs", `${trap}; console.log(Object.keys(require("@planky-kit/react")).length)`],
  ] as const) {
    const output = execFileSync(process.execPath, [flag, "-e", code], { cwd: packageDir, encoding: "utf8" });
    expect(Number(output.trim())).toBeGreaterThan(5);
  }
});

test("the trap works: code that reads window at import fails under it", () => {
  const run = () =>
    execFileSync(process.execPath, ["--input-type=module", "-e", `${trap}; globalThis.window;`], {
      encoding: "utf8",
      stdio: "pipe",
    });
  expect(run).toThrow(/read window/);
});

/** A page that uses every hook and prints what each says. */
function Page(): ReactNode {
  const banks = useBanks();
  const status = useConsentStatus("barclays");
  const { starting } = useConnectBank();
  const { pending } = useBankReturn();
  return createElement(
    "p",
    null,
    `banks ${banks.loading ? "loading" : "ready"}; status ${status.loading ? "loading" : "ready"}; ` +
      `starting ${starting}; return ${pending ? "pending" : "done"}`,
  );
}
test("a page with every hook renders on the server: loading states, no API call", () => {
  const fetch = vi.fn();
  vi.stubGlobal("fetch", fetch);
  expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
  const html = renderToString(
    createElement(
      PlankyProvider,
      { customerToken: async () => "ct-1234567890", returnUrl: RETURN_URL },
      createElement(Page),
    ),
  );
  expect(html).toBe("<p>banks loading; status loading; starting false; return pending</p>");
  expect(fetch).not.toHaveBeenCalled();
  vi.unstubAllGlobals();
});

test('both JS files start with "use client" (React Server Components); the declarations do not', () => {
  for (const file of ["index.js", "index.cjs"]) {
    expect(readFileSync(new URL(`../dist/${file}`, import.meta.url), "utf8").startsWith('"use client";')).toBe(true);
  }
  for (const file of ["index.d.ts", "index.d.cts"]) {
    expect(readFileSync(new URL(`../dist/${file}`, import.meta.url), "utf8")).not.toContain("use client");
  }
});
