// @ts-check
/**
 * The breaking-change gate: compares the spec with the spec of the last release and refuses breaking changes
 * unless a changeset declares a major bump for every package whose public surface is generated from the spec.
 *
 * The comparison itself is `redocly diff` (experimental in @redocly/cli 2.x): it resolves $refs and rates each
 * change by direction (a new enum value is harmless in a request but breaking in a response; a field made required
 * breaks requests, one made optional breaks responses). This module only runs it and applies the release policy.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import readChangesets from "@changesets/read";

const redoclyBin = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
// Our own rule set: without `diff-recommended` redocly rates every change "patch" and the gate would pass anything.
const diffConfig = fileURLToPath(new URL("./redocly-diff.yaml", import.meta.url));

/**
 * Published packages whose types or behaviour are generated from the spec: a breaking spec change breaks them.
 * The client's types come from it; the mock's handlers answer and validate by it.
 */
export const PACKAGES_BUILT_FROM_SPEC = ["@planky-kit/client", "@planky-kit/mock"];

/**
 * @typedef {{ impact: "major" | "minor" | "patch", where: string, rule: string | undefined, message: string }} SpecChange
 * @typedef {{ changes: SpecChange[], breaking: SpecChange[] }} SpecDiff
 */

/**
 * Every change from `base` to `revision`, rated major (breaking), minor (addition) or patch.
 * @param {string} basePath
 * @param {string} revisionPath
 * @returns {Promise<SpecDiff>}
 */
export async function diffSpecs(basePath, revisionPath) {
  const dir = await mkdtemp(join(tmpdir(), "spec-diff-"));
  const reportPath = join(dir, "diff.json");
  try {
    // --fail-on none: the exit code then means "redocly failed", never "found changes"; the policy is ours.
    const args = [
      redoclyBin,
      "diff",
      basePath,
      revisionPath,
      "--config",
      diffConfig,
      "--format",
      "json",
      "-o",
      reportPath,
    ];
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...args, "--fail-on", "none"], {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_NOTIFICATIONS: "true" },
    }).catch((/** @type {{ stderr?: string, message: string }} */ error) => {
      throw new Error(
        `redocly diff could not compare ${basePath} with ${revisionPath}:\n${error.stderr || error.message}`,
      );
    });
    if (/No diff rules are on/i.test(stdout + stderr))
      throw new Error(`redocly diff ran without rules (${diffConfig})`);
    const report = JSON.parse(await readFile(reportPath, "utf8"));
    /** @type {SpecChange[]} */
    const changes = report.changes.map(toSpecChange);
    return { changes, breaking: changes.filter((change) => change.impact === "major") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** @param {any} change one entry of `redocly diff --format json` */
function toSpecChange(change) {
  const verdict = change.verdicts?.find((/** @type {any} */ v) => v.impact === change.impact) ?? change.verdicts?.[0];
  const where = decodeURIComponent(String(change.path).replace(/^#\//, ""))
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .join(" › ");
  const property = change.property ? ` · ${change.property}` : "";
  return {
    impact: change.impact,
    where: `${where}${property}`,
    rule: verdict?.ruleId,
    message: verdict?.message ?? `${change.kind}${property}`,
  };
}

/**
 * For each package, the changeset files (by id) that declare a `major` bump for it.
 * @param {string} repoRoot the directory holding `.changeset/`
 * @returns {Promise<Map<string, string[]>>}
 */
export async function majorChangesets(repoRoot) {
  /** @type {Map<string, string[]>} */
  const byPackage = new Map();
  for (const changeset of await readChangesets(repoRoot)) {
    for (const release of changeset.releases) {
      if (release.type !== "major") continue;
      byPackage.set(release.name, [...(byPackage.get(release.name) ?? []), changeset.id]);
    }
  }
  return byPackage;
}

/**
 * @typedef {{ ok: boolean, diff: SpecDiff, missingMajor: string[], declaredBy: string[], report: string }} GateResult
 */

/**
 * The gate: compares the two specs, then applies the release policy (see `releasePolicy`).
 * @param {{ baseline: string, spec: string, repoRoot: string, packages?: string[] }} options
 * @returns {Promise<GateResult>}
 */
export async function checkBreakingChanges({ baseline, spec, repoRoot, packages }) {
  return releasePolicy(await diffSpecs(baseline, spec), { repoRoot, packages });
}

/**
 * Passes when nothing breaks, or when every package built from the spec has a major changeset.
 * @param {SpecDiff} diff
 * @param {{ repoRoot: string, packages?: string[] }} options
 * @returns {Promise<GateResult>}
 */
export async function releasePolicy(diff, { repoRoot, packages = PACKAGES_BUILT_FROM_SPEC }) {
  const count = (/** @type {string} */ impact) => diff.changes.filter((c) => c.impact === impact).length;
  const summary = `${count("major")} breaking, ${count("minor")} additive, ${count("patch")} patch-level change(s) since the last release`;
  if (diff.breaking.length === 0) {
    return { ok: true, diff, missingMajor: [], declaredBy: [], report: `No breaking spec changes: ${summary}.` };
  }

  const majors = await majorChangesets(repoRoot);
  const missingMajor = packages.filter((name) => !majors.has(name));
  const declaredBy = [...new Set(packages.flatMap((name) => majors.get(name) ?? []))];
  const list = diff.breaking.map((c) => `  ✖ ${c.where}\n      ${c.message}${c.rule ? ` (${c.rule})` : ""}`).join("\n");
  if (missingMajor.length === 0) {
    const files = declaredBy.map((id) => `.changeset/${id}.md`).join(", ");
    return {
      ok: true,
      diff,
      missingMajor,
      declaredBy,
      report: `Breaking spec changes, declared major by ${files}:\n${list}`,
    };
  }
  const frontmatter = missingMajor.map((name) => `"${name}": major`).join("\n");
  const report = [
    `Breaking spec changes without a major changeset (${summary}):`,
    list,
    "",
    `A release with these changes must be a major one for: ${missingMajor.join(", ")}.`,
    "Either make the change backwards compatible, or add a changeset (`pnpm changeset`) with:",
    "---",
    frontmatter,
    "---",
  ].join("\n");
  return { ok: false, diff, missingMajor, declaredBy, report };
}
