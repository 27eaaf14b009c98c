/**
 * The site's text as Markdown (markdown-pages.mjs), from the same bundled spec as the HTML: llms.txt links every page
 * it writes, each operation's page carries its tested samples as shown on the site, and the overview its Quick start.
 * That the pages are served and every link answers is checked in the browser test.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { bundleSpec } from "../build-site.mjs";
import { writeMarkdownPages } from "../markdown-pages.mjs";
import { operations, shownSample } from "./support/spec";

let dir: string;
let written: string[];
// biome-ignore lint/suspicious/noExplicitAny: bundled OpenAPI JSON.
let published: any;
const read = (file: string) => readFile(join(dir, file), "utf8");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "planky-docs-md-"));
  published = await bundleSpec();
  written = await writeMarkdownPages(published, dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test("llms.txt links every page written, and only those", async () => {
  const index = await read("llms.txt");
  expect(index.startsWith("# Planky Open Banking API\n\n> ")).toBe(true);
  const links = [...index.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1]);
  expect(links.sort()).toEqual(written.filter((file) => file !== "llms.txt").sort());
  expect(written).toHaveLength(operations.length + 3);
});

test.each(operations)(
  "operations/$operationId.md: method, path and the TypeScript sample as the site shows it",
  async (op) => {
    const page = await read(`operations/${op.operationId}.md`);
    expect(page).toContain(`\`${op.method.toUpperCase()} ${op.path}\``);
    expect(page).toContain(`\`\`\`typescript\n${shownSample(op.operationId)}\n\`\`\``);
    expect(page).toMatch(/### curl\n\n```sh\ncurl --request /);
  },
);

test("overview.md is the overview as the site shows it, Quick start included, with the links to the operations", async () => {
  const overview = await read("overview.md");
  expect(overview).toContain(published.info.description.trim());
  expect(overview).toContain(`\`\`\`typescript\n${shownSample("guides/journey-to-the-data")}\n\`\`\``);
  for (const op of operations) expect(overview).toContain(`(operations/${op.operationId}.md)`);
});

test("openapi.json is the bundled spec the site is built from", async () => {
  expect(JSON.parse(await read("openapi.json"))).toEqual(published);
});
