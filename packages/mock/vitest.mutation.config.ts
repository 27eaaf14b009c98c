// The tests Stryker runs against each mutant: the MSW handler tests (and `test/*.unit.test.ts`, their parts on
// their own) and the sandbox tests that call its API and control API as plain functions (`sandboxCore()` in
// test/sandbox/support.ts). Left out: the sandbox tests that start Prism or a child process (too slow per mutant,
// and they read files relative to the repository, which Stryker's sandbox copy does not have).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/mock.test.ts",
      "test/*.unit.test.ts",
      "test/sandbox/journey.test.ts",
      "test/sandbox/control-api.test.ts",
      "test/sandbox/webflow-and-banks.test.ts",
      "test/sandbox/routes.test.ts",
      "test/sandbox/webhook-delivery.test.ts",
      "test/sandbox/*.unit.test.ts",
    ],
  },
});
