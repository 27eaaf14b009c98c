/**
 * The connect-bank pages the docs show are the pages this package's browser test runs: every code block of the docs
 * that shows one is the page file as it is, without its `// test-only` lines (the API's base URL of the test).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

const file = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
const shown = (page: string) =>
  file(`tests/browser/page/connect-bank/${page}`)
    .split("\n")
    .filter((line) => !line.trimEnd().endsWith("// test-only"))
    .join("\n")
    .trim();

/** The code blocks of a markdown file whose first line is `firstLine`. */
function blocks(markdown: string, firstLine: string): string[] {
  return [...file(markdown).matchAll(/```(?:tsx?|ts)\n([\s\S]*?)\n```/g)]
    .map((match) => (match[1] ?? "").trim())
    .filter((code) => code.split("\n")[0] === firstLine);
}

const react = shown("app.tsx");
const vanilla = shown("vanilla.ts");

test.each([
  ["packages/docs/overview.md (Front end)", "packages/docs/overview.md", [react, vanilla]],
  ["packages/react/README.md", "packages/react/README.md", [react]],
  ["packages/client/README.md", "packages/client/README.md", [vanilla]],
])("%s shows the tested pages verbatim", (_label, markdown, pages) => {
  for (const page of pages) {
    const found = blocks(markdown, page.split("\n")[0] ?? "");
    expect(found.length, `${markdown} shows no block starting like the page`).toBe(1);
    expect(found[0]).toBe(page);
  }
});

test("the test-only lines are what the docs leave out, and nothing else", () => {
  expect(file("tests/browser/page/connect-bank/app.tsx")).toContain("baseUrl={PLANKY_BASE_URL} // test-only");
  expect(react).not.toContain("PLANKY_BASE_URL");
  expect(vanilla).not.toContain("PLANKY_BASE_URL");
});
