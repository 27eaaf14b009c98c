// Mutation testing of the hand-written client (`pnpm mutation` at the root; not part of `pnpm test`).
// Generated code and the export-only index are left out; unit and fault tests run (no Prism needed).
import { strykerOptions } from "../../scripts/stryker-options.mjs";

export default strykerOptions({
  mutate: ["src/**/*.ts", "!src/generated/**", "!src/index.ts"],
  ignorePatterns: ["test/contract", "test/property"],
});
