import { defineConfig } from "tsdown";

// ESM and CJS for both entries (the MSW handlers and the Node-only sandbox), each with declarations; the
// `planky-mock` command is ESM only. Dependencies (ajv, msw, Prism) stay external.
export default defineConfig([
  {
    entry: { index: "src/index.ts", sandbox: "src/sandbox/index.ts" },
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
