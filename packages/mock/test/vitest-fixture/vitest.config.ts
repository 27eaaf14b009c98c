// A team's vitest project in miniature: one sandbox for the run (the package's globalSetup), four test files in
// parallel workers, each with its own client id. Run by test/sandbox/vitest-helper.test.ts.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["*.fixture-test.ts"],
    globalSetup: [fileURLToPath(new URL("../../src/vitest-setup.ts", import.meta.url))],
    pool: "forks",
    maxWorkers: 4,
    fileParallelism: true,
    testTimeout: 60_000,
  },
});
