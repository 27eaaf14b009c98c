import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The publish test builds, publishes, installs and downloads two Node builds before its first assertion.
    hookTimeout: 420_000,
    testTimeout: 120_000,
    // One at a time: the publish test is heavy, and the machine has two cores.
    fileParallelism: false,
  },
});
