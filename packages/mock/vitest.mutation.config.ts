// The tests Stryker runs against each mutant: the MSW handler tests (the sandbox's tests start Prism and read files
// relative to the repository, which Stryker's sandbox copy does not have).
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["test/mock.test.ts"] } });
