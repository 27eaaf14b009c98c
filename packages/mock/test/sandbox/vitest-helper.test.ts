/**
 * `@planky-kit/mock/vitest-setup` + `@planky-kit/mock/vitest`: a small vitest project (test/vitest-fixture) whose
 * four test files run in four parallel workers against the one sandbox its globalSetup starts, each resetting and
 * reusing `user-42` in its own partition. Every file passes, all four saw the same sandbox URL, with four client ids.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

test("four test files in parallel workers share one sandbox with no interference", async () => {
  const out = await mkdtemp(join(tmpdir(), "planky-vitest-fixture-"));
  try {
    const vitestCli = join(createRequire(import.meta.url).resolve("vitest/package.json"), "../vitest.mjs");
    const config = fileURLToPath(new URL("../vitest-fixture/vitest.config.ts", import.meta.url));
    const child = spawn(process.execPath, [vitestCli, "run", "--config", config, "--reporter", "json"], {
      env: { ...process.env, FIXTURE_OUT: out, PLANKY_SANDBOX_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout.slice(stdout.indexOf("{")));
    expect(report).toMatchObject({ numTotalTestSuites: 4, numPassedTests: 4, numFailedTests: 0 });

    const files = await readdir(out);
    expect(files).toHaveLength(4);
    const runs = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(out, f), "utf8"))));
    expect(new Set(runs.map((r) => r.url)).size).toBe(1);
    expect(new Set(files).size).toBe(4);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}, 240_000);
