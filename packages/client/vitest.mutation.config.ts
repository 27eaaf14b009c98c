// The tests Stryker runs against each mutant: unit and fault-injection tests (contract and property tests need Prism).
import { defineConfig } from "vitest/config";

export default defineConfig({
  // PLANKY_SOURCE_ONLY: Stryker mutates src/ in a copy without dist/, so the behaviour tests that run on both
  // (test/support/shipped.ts) run on src only here; `pnpm test` still runs them on both.
  test: {
    include: ["test/unit/**/*.test.ts", "test/fault/**/*.test.ts"],
    testTimeout: 20_000,
    env: { PLANKY_SOURCE_ONLY: "1" },
  },
});
