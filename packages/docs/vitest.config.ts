import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // As in tsconfig.json: run the samples against the client's source, whatever its package exports point at.
    alias: { "@planky-kit/client": fileURLToPath(new URL("../client/src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Each file starts its own Prism (and the browser test a Chromium): one at a time on a small machine.
    fileParallelism: false,
    hookTimeout: 120_000,
    testTimeout: 30_000,
  },
});
