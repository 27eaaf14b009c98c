// The tests Stryker runs against each mutant: unit and fault-injection tests (contract and property tests need Prism).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["test/unit/**/*.test.ts", "test/fault/**/*.test.ts"], testTimeout: 20_000 },
});
