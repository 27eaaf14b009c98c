import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each case spawns `redocly diff` (about a second on a busy 2-core machine).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two redocly processes at a time: enough to overlap start-up, not enough to crowd out other suites.
    maxConcurrency: 2,
  },
});
