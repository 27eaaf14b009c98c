import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fleet tests need a real redis-server: found on PATH, or installed with apt (and said so) before any test.
    globalSetup: ["test/fleet/global-setup.ts"],
    // Contract tests start Prism (a few seconds on a 2-core machine).
    hookTimeout: 150_000,
    testTimeout: 20_000,
  },
});
