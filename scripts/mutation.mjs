// `pnpm mutation`: Stryker over the hand-written source of the client and the mock, one package after the other
// (each package's `mutation` script), then MUTATION.md from their JSON reports. Not part of `pnpm test`.
//   pnpm mutation                     both packages
//   pnpm mutation client              one package
//   pnpm mutation -- --concurrency 2  extra arguments go to `stryker run`
//   pnpm mutation --report-only       rewrite MUTATION.md from the last JSON reports (e.g. after editing the notes)
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { writeMutationReport } from "./mutation-report.mjs";

const PACKAGES = { client: "packages/client", mock: "packages/mock" };
const args = process.argv.slice(2).filter((arg) => arg !== "--");
const reportOnly = args.includes("--report-only");
const chosen = args.filter((arg) => arg in PACKAGES);
const strykerArgs = args.filter((arg) => !(arg in PACKAGES) && arg !== "--report-only");

if (!reportOnly) {
  for (const name of chosen.length > 0 ? chosen : Object.keys(PACKAGES)) {
    // A targeted re-run's results are older than the run about to start.
    rmSync(`${PACKAGES[name]}/test-artifacts/mutation/targeted.json`, { force: true });
    const started = Date.now();
    const result = spawnSync("pnpm", ["--filter", `@planky-kit/${name}`, "run", "mutation", ...strykerArgs], {
      stdio: "inherit",
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
    // Stryker's JSON report has no duration; keep it beside the report for MUTATION.md.
    mkdirSync(`${PACKAGES[name]}/test-artifacts/mutation`, { recursive: true });
    writeFileSync(
      `${PACKAGES[name]}/test-artifacts/mutation/run.json`,
      `${JSON.stringify({ seconds: Math.round((Date.now() - started) / 1000), finishedAt: new Date().toISOString() })}\n`,
    );
  }
}
writeMutationReport(PACKAGES, "MUTATION.md");
console.log("Wrote MUTATION.md");
