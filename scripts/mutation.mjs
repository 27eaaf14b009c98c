// `pnpm mutation`: Stryker over the hand-written source of the client and the mock, one package after the other
// (each package's `mutation` script), then MUTATION.md from their JSON reports. Not part of `pnpm test`.
//   pnpm mutation                     both packages
//   pnpm mutation client              one package
//   pnpm mutation -- --concurrency 2  extra arguments go to `stryker run`
//   pnpm mutation --report-only       rewrite MUTATION.md from the last JSON reports (e.g. after editing the notes)
//   pnpm mutation client --split      one Stryker run per mutated file (when one run is too long for the machine):
//                                     each file's JSON is kept in test-artifacts/mutation/split/, and the files'
//                                     results are merged into the package's report, which then says it was split
//   pnpm mutation client --split --files src/bank-redirect.ts,src/validate.ts
//                                     re-run only those files and merge them with the other files' last results
//   pnpm mutation client --merge-only merge the split results already there, without running Stryker
import { execSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { writeMutationReport } from "./mutation-report.mjs";
import { mergeSplitReports, mutatedFiles, splitName } from "./mutation-split.mjs";

const PACKAGES = { client: "packages/client", mock: "packages/mock" };
const args = process.argv.slice(2).filter((arg) => arg !== "--");
const reportOnly = args.includes("--report-only");
const split = args.includes("--split");
const mergeOnly = args.includes("--merge-only");
const filesAt = args.indexOf("--files");
const onlyFiles = filesAt === -1 ? undefined : (args[filesAt + 1] ?? "").split(",").filter(Boolean);
const OWN = new Set(["--report-only", "--split", "--merge-only", "--files"]);
const chosen = args.filter((arg) => arg in PACKAGES);
const strykerArgs = args.filter(
  (arg, i) => !(arg in PACKAGES) && !OWN.has(arg) && !(filesAt !== -1 && i === filesAt + 1),
);

/** The commit measured, and whether the package's source or tests differed from it (uncommitted edits). */
function measuredAt(dir) {
  const commit = execSync("git rev-parse --short HEAD").toString().trim();
  const dirty = execSync(`git status --porcelain -- ${dir}`).toString().trim() !== "";
  return { commit, ...(dirty && { dirty: true }) };
}

function stryker(name, extra) {
  const result = spawnSync("pnpm", ["--filter", `@planky-kit/${name}`, "run", "mutation", ...extra, ...strykerArgs], {
    stdio: "inherit",
  });
  return result.status ?? 1;
}

if (!reportOnly) {
  for (const name of chosen.length > 0 ? chosen : Object.keys(PACKAGES)) {
    const dir = PACKAGES[name];
    const out = `${dir}/test-artifacts/mutation`;
    mkdirSync(`${out}/split`, { recursive: true });
    // A targeted re-run's results are older than the run about to start.
    rmSync(`${out}/targeted.json`, { force: true });
    if (split || mergeOnly) {
      const config = (await import(pathToFileURL(`${dir}/stryker.config.mjs`).href)).default;
      const files = onlyFiles ?? mutatedFiles(dir, config.mutate);
      for (const file of mergeOnly ? [] : files) {
        const started = Date.now();
        const at = measuredAt(dir);
        rmSync(`${out}/mutation.json`, { force: true });
        if (stryker(name, ["--mutate", file]) !== 0 || !existsSync(`${out}/mutation.json`)) {
          // The merged report lists the file as not measured; the other files go on.
          console.error(`Stryker failed on ${file}; its last split result (if any) is kept`);
          continue;
        }
        const report = JSON.parse(readFileSync(`${out}/mutation.json`, "utf8"));
        report.measured = {
          ...at,
          seconds: Math.round((Date.now() - started) / 1000),
          finishedAt: new Date().toISOString(),
        };
        writeFileSync(`${out}/split/${splitName(file)}`, JSON.stringify(report));
      }
      const splits = readdirSync(`${out}/split`)
        .filter((f) => f.endsWith(".json"))
        .map((f) => JSON.parse(readFileSync(`${out}/split/${f}`, "utf8")));
      const { report, run } = mergeSplitReports(splits, mutatedFiles(dir, config.mutate));
      writeFileSync(`${out}/mutation.json`, JSON.stringify(report));
      writeFileSync(`${out}/run.json`, `${JSON.stringify(run)}\n`);
      continue;
    }
    const started = Date.now();
    const at = measuredAt(dir);
    const status = stryker(name, []);
    if (status !== 0) process.exit(status);
    // Stryker's JSON report has no duration nor commit; keep them beside the report for MUTATION.md.
    writeFileSync(
      `${out}/run.json`,
      `${JSON.stringify({ ...at, seconds: Math.round((Date.now() - started) / 1000), finishedAt: new Date().toISOString() })}\n`,
    );
  }
}
if (!existsSync("scripts/mutation-report.mjs")) throw new Error("run from the repository root");
writeMutationReport(PACKAGES, "MUTATION.md");
console.log("Wrote MUTATION.md");
