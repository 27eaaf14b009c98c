import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Prism and Chromium start in beforeAll; on a loaded 2-core machine Prism alone has needed over a minute.
    hookTimeout: 180_000,
    testTimeout: 30_000,
  },
});
