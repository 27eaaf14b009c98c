import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Contract tests start Prism (a few seconds on a 2-core machine).
    hookTimeout: 150_000,
    testTimeout: 20_000,
  },
});
