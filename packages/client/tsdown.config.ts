import { defineConfig } from "tsdown";
import { makeDeclarationsPortable } from "./scripts/portable-declarations.mjs";

// Entries `.` (server client), `./webflow` (front end), `./connect-bank` (the front end's connect-bank flow over a
// webflow client), `./validate` (opt-in response checks), `./token-store` (a fleet's shared token, Redis) and
// `./otel` (OpenTelemetry spans), sharing one chunk (errors, the request loop), so an error class is the same class
// from any. One bundle per format: ESM (`dist/*.js`) for `import`, CJS (`dist/*.cjs`) for `require`, each with its
// own declarations. openapi-fetch stays an external dependency so consumers dedupe it; @opentelemetry/api (an
// optional peer) stays external too, imported by `./otel` only.
export default defineConfig({
  entry: [
    "src/index.ts",
    "src/webflow.ts",
    "src/connect-bank.ts",
    "src/validate.ts",
    "src/token-store.ts",
    "src/otel.ts",
  ],
  format: ["esm", "cjs"],
  platform: "neutral",
  target: "es2022",
  dts: true,
  sourcemap: true,
  clean: true,
  // Ship the exact spec this client was generated from (`@planky-kit/client/openapi.yaml`), for mocks and tooling.
  copy: [{ from: "../../spec/openapi.yaml", to: "dist/openapi.yaml" }],
  // Declarations that compile whatever the consumer's `target` (see the script).
  onSuccess: () => makeDeclarationsPortable("dist"),
});
