// `node --test scripts/check-import-cycles.test.mjs`: the import-cycle check finds a cycle however the imports are
// written (type-only, re-exported, dynamic, with `.js` for a `.ts` file), names every file in it, and stays quiet
// about a graph that only flows one way.
import assert from "node:assert/strict";
import { test } from "node:test";
import { findCycles, formatCycle, importGraph, importsOf, resolveImport } from "./check-import-cycles.mjs";

/** The import graph of in-memory files. */
const graphOf = (files) => importGraph(Object.keys(files), "/nowhere", (file) => files[file]);

test("every way of importing counts, bare package names do not", () => {
  const text = [
    'import type { A } from "./a";',
    'import { b } from "./b.js";',
    'export * from "./c";',
    'export { d } from "../d.mjs";',
    'const e = await import("./e");',
    'import { readFile } from "node:fs";',
    'import ts from "typescript";',
  ].join("\n");
  assert.deepEqual(importsOf(text), ["./a", "./b.js", "./c", "../d.mjs", "./e"]);
});

test("a specifier resolves as TypeScript and Node resolve it", () => {
  const known = new Set(["src/a.ts", "src/b.ts", "src/c/index.ts", "scripts/d.mjs"]);
  assert.equal(resolveImport("src/x.ts", "./a", known), "src/a.ts");
  assert.equal(resolveImport("src/x.ts", "./b.js", known), "src/b.ts");
  assert.equal(resolveImport("src/x.ts", "./c", known), "src/c/index.ts");
  assert.equal(resolveImport("src/x.ts", "../scripts/d.mjs", known), "scripts/d.mjs");
  assert.equal(resolveImport("src/x.ts", "./missing", known), undefined);
});

test("a graph that flows one way has no cycle", () => {
  const graph = graphOf({
    "a.ts": 'import { b } from "./b";\nimport { c } from "./c";',
    "b.ts": 'import { c } from "./c";',
    "c.ts": "export const c = 1;",
  });
  assert.deepEqual(findCycles(graph), []);
});

test("a two-file cycle through a type-only import is found and named", () => {
  // bench/src/report.ts ↔ sections.ts had exactly this shape.
  const graph = graphOf({
    "report.ts": 'import type { BenchSection } from "./sections";',
    "sections.ts": 'import { renderLatency } from "./report";',
    "run.ts": 'import { SECTIONS } from "./sections";',
  });
  const cycles = findCycles(graph);
  assert.equal(cycles.length, 1);
  assert.deepEqual(cycles[0].files, ["report.ts", "sections.ts"]);
  assert.deepEqual(cycles[0].loop, ["report.ts", "sections.ts", "report.ts"]);
  assert.match(formatCycle(cycles[0]), /report\.ts, sections\.ts/);
});

test("a long cycle lists all its files and one loop through them; separate cycles are reported apart", () => {
  const graph = graphOf({
    "context.ts": 'import "./faults";',
    "faults.ts": 'import "./api";',
    "api.ts": 'import "./routes";',
    "routes.ts": 'import type { X } from "./context";',
    "x.ts": 'import "./y";',
    "y.ts": 'import "./x";\nimport "./context";',
  });
  const cycles = findCycles(graph);
  assert.deepEqual(
    cycles.map((cycle) => cycle.files),
    [
      ["api.ts", "context.ts", "faults.ts", "routes.ts"],
      ["x.ts", "y.ts"],
    ],
  );
  assert.deepEqual(cycles[0].loop, ["api.ts", "routes.ts", "context.ts", "faults.ts", "api.ts"]);
});

test("a file importing itself is a cycle", () => {
  const cycles = findCycles(graphOf({ "self.ts": 'import "./self";' }));
  assert.deepEqual(cycles[0]?.files, ["self.ts"]);
});
