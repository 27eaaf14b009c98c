import { defineConfig } from "tsdown";

// ESM and CJS for every entry (the MSW handlers, the Node-only sandbox, the vitest helper and its globalSetup), each
// with declarations; the `planky-mock` command is ESM only. Dependencies (ajv, msw, Prism, vitest) stay external.
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      sandbox: "src/sandbox/index.ts",
      vitest: "src/vitest.ts",
      "vitest-setup": "src/vitest-setup.ts",
    },
    format: ["esm", "cjs"],
    platform: "node",
    target: "node20",
    dts: true,
    sourcemap: true,
    clean: true,
    shims: true,
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    dts: false,
    sourcemap: true,
    clean: false,
  },
]);
