// What the client's and the mock's Stryker configs share; each package names only what it mutates and ignores.
/** @returns {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export function strykerOptions({ mutate, ignorePatterns }) {
  return {
    testRunner: "vitest",
    vitest: { configFile: "vitest.mutation.config.ts" },
    // Mutants that do not compile are reported as CompileError and do not count towards the score.
    checkers: ["typescript"],
    tsconfigFile: "tsconfig.json",
    appendPlugins: ["@stryker-mutator/vitest-runner", "@stryker-mutator/typescript-checker"],
    mutate,
    coverageAnalysis: "perTest",
    // The machine is shared; raise with `pnpm mutation -- --concurrency 2` when it is not.
    concurrency: 1,
    reporters: ["progress", "clear-text", "json"],
    jsonReporter: { fileName: "test-artifacts/mutation/mutation.json" },
    // `pnpm mutation -- --incremental` reuses the results of unchanged mutants from the last run.
    incrementalFile: "test-artifacts/mutation/incremental.json",
    tempDirName: "test-artifacts/stryker-tmp",
    ignorePatterns: ["dist", "test-artifacts", "coverage", ...ignorePatterns],
    thresholds: { high: 90, low: 80, break: null },
  };
}
