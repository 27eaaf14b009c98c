// `node --test scripts/check-workflows.test.mjs`: the workflow check passes the repository's workflows and fails a
// broken one, naming where each mistake is.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkWorkflow } from "./check-workflows.mjs";

const script = fileURLToPath(new URL("./check-workflows.mjs", import.meta.url));
const broken = fileURLToPath(new URL("./fixtures/workflows/broken.yml", import.meta.url));
const release = fileURLToPath(new URL("../.github/workflows/release.yml", import.meta.url));

test("the repository's workflows are valid", () => {
  const run = spawnSync(process.execPath, [script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /release\.yml: valid/);
  assert.match(run.stdout, /ci\.yml: valid/);
});

test("a broken workflow fails, naming the bad permission and the job without steps", () => {
  const run = spawnSync(process.execPath, [script, broken], { encoding: "utf8" });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /broken\.yml: \d+ problem/);
  assert.match(run.stderr, /\/permissions\/id-token: /);
  assert.match(run.stderr, /\/jobs\/test: Additional property 'step' is not allowed/);
});

test("one wrong value in the release workflow is enough to fail", () => {
  const source = readFileSync(release, "utf8");
  assert.deepEqual(checkWorkflow(source), []);
  const mutated = source.replace("id-token: write", "id-token: publish");
  assert.notEqual(mutated, source);
  assert.ok(checkWorkflow(mutated).some((problem) => problem.includes("/id-token")));
});
