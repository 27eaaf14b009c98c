// @ts-check
// CLI for the breaking-change gate (run by `pnpm --filter @planky-kit/spec lint`, hence by the test command).
// Exit code 1 when the spec breaks compatibility with released/openapi.yaml and no major changeset says so.
import { fileURLToPath } from "node:url";
import { checkBreakingChanges } from "./breaking-changes.mjs";

const here = (/** @type {string} */ path) => fileURLToPath(new URL(path, import.meta.url));

const result = await checkBreakingChanges({
  baseline: here("../released/openapi.yaml"),
  spec: here("../openapi.yaml"),
  repoRoot: here("../.."),
});
if (result.ok) console.log(result.report);
else {
  console.error(result.report);
  process.exitCode = 1;
}
