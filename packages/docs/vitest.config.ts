import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // As in tsconfig.json: run the samples against the client's source, whatever its package exports point at.
    // Exact matches: a plain "@planky-kit/client" key would also rewrite "@planky-kit/client/webflow".
    alias: [
      { find: /^@planky-kit\/client$/, replacement: fileURLToPath(new URL("../client/src/index.ts", import.meta.url)) },
      {
        find: /^@planky-kit\/client\/webflow$/,
        replacement: fileURLToPath(new URL("../client/src/webflow.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Each file starts its own Prism (and the browser test a Chromium): one at a time on a small machine.
    fileParallelism: false,
    hookTimeout: 120_000,
    // A ceiling for a loaded 2-core machine (the browser test renders Redoc); every test waits on events.
    testTimeout: 120_000,
  },
});
