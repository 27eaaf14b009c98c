// `node --test scripts/check-turbo-inputs.test.mjs`: the check flags generated inputs in a dry run shaped like the
// one that made the cache miss on every run (issue 15), and passes a clean one.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { findGeneratedInputs, turboTasksOf } from "./check-turbo-inputs.mjs";

const dryRun = JSON.parse(readFileSync(new URL("./fixtures/turbo-dry-run.json", import.meta.url), "utf8"));
const nothingIgnored = () => new Set();

test("names the task and the repo-relative file of every input under a generated directory", () => {
  const bad = findGeneratedInputs(dryRun, nothingIgnored);
  assert.deepEqual(
    bad.map(({ taskId, file }) => `${taskId} ${file}`),
    [
      "@planky-kit/client#test spec/.turbo/turbo-lint.log",
      "@planky-kit/client#test spec/node_modules/.vite/vitest/da39a3ee5e6b4b0d3255bfef95601890afd80709/results.json",
      "@planky-kit/client#test spec/site/index.html",
      "@planky-kit/docs#test packages/docs/test-artifacts/docs-overview.png",
      "@planky-kit/docs#test packages/client/dist/index.js",
    ],
  );
  assert.equal(bad[1]?.reason, "under a node_modules/ directory");
});

test("flags a file .gitignore lists even outside the known generated directories", () => {
  const ignored = (files) => new Set(files.filter((file) => file.startsWith("bench/generated/")));
  const bad = findGeneratedInputs(dryRun, ignored).filter((entry) => entry.reason === "listed in .gitignore");
  assert.deepEqual(bad, [
    { taskId: "@planky-kit/docs#test", file: "bench/generated/orval/api.ts", reason: "listed in .gitignore" },
  ]);
});

test("passes a dry run whose inputs are all sources (committed generated code such as src/generated/ included)", () => {
  const clean = { tasks: dryRun.tasks.slice(0, 1) };
  clean.tasks.push({
    taskId: "@planky-kit/client#lint",
    directory: "packages/client",
    inputs: { "src/generated/schema.ts": "5" },
  });
  assert.deepEqual(findGeneratedInputs(clean, nothingIgnored), []);
});

test("reads the tasks from the root test script, flags left out", () => {
  const script = "biome check . && node scripts/check-changesets.mjs && turbo run lint typecheck test --concurrency=2";
  assert.deepEqual(turboTasksOf(script), ["lint", "typecheck", "test"]);
  assert.throws(() => turboTasksOf("biome check ."), /no `turbo run`/);
});
