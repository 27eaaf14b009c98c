// A package's mutation run split by file (`pnpm mutation <package> --split`): which files its Stryker config
// mutates, where each file's own report is kept, and the merge of those reports into one.
import { execSync } from "node:child_process";

/** A glob of Stryker's `mutate` list as a regular expression: `**` any folders, `*` any name part. */
function globRegExp(glob) {
  const source = glob
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) =>
      part === "**/"
        ? "(?:.*/)?"
        : part === "**"
          ? ".*"
          : part === "*"
            ? "[^/]*"
            : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${source}$`);
}

const matchesGlob = (file, glob) => globRegExp(glob).test(file);

/** The files a Stryker `mutate` list (globs, `!` to exclude) selects among the package's tracked files. */
export function mutatedFiles(dir, patterns) {
  const tracked = execSync("git ls-files", { cwd: dir }).toString().split("\n").filter(Boolean);
  const include = patterns.filter((p) => !p.startsWith("!"));
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1));
  return tracked.filter(
    (file) => include.some((p) => matchesGlob(file, p)) && !exclude.some((p) => matchesGlob(file, p)),
  );
}

/** The split report's file name for one mutated file: `src/internal/tokens.ts` → `src__internal__tokens.ts.json`. */
export function splitName(file) {
  return `${file.replaceAll("/", "__")}.json`;
}

/**
 * One Stryker report from the per-file ones: each file's newest result, and what the run was (`split`, how many
 * runs, their total time, the commits measured, the files with no result). A file's result from an older commit is
 * kept as it is: re-run that file (`--files`) after changing its source or its tests.
 */
export function mergeSplitReports(splits, expectedFiles) {
  const newestFirst = [...splits].sort((a, b) => b.measured.finishedAt.localeCompare(a.measured.finishedAt));
  const files = {};
  const used = [];
  for (const split of newestFirst) {
    let contributed = false;
    for (const [file, result] of Object.entries(split.files)) {
      if (files[file] || !expectedFiles.includes(file)) continue;
      files[file] = result;
      contributed = true;
    }
    if (contributed) used.push(split);
  }
  const base = newestFirst[0] ?? { schemaVersion: "2", thresholds: { high: 90, low: 80 } };
  const report = { ...base, files, measured: undefined };
  const commits = [...new Set(used.map((s) => `${s.measured.commit}${s.measured.dirty ? " (with edits)" : ""}`))];
  const run = {
    split: true,
    runs: used.length,
    seconds: used.reduce((sum, s) => sum + s.measured.seconds, 0),
    finishedAt: used[0]?.measured.finishedAt ?? new Date().toISOString(),
    commits,
    commit: commits.length === 1 ? commits[0] : commits.join(", "),
    missing: expectedFiles.filter((file) => !files[file]),
  };
  return { report, run };
}
