// Fails when a task of the test command hashes a generated file: something under node_modules/, .turbo/, a build
// output (dist/, site/) or a test artifact, or anything else .gitignore lists. Such files change on every run (turbo's
// own logs, vitest's results cache, rebuilt sites), so a task that hashes them never hits the cache. The inputs come
// from `turbo run <the test command's tasks> --dry=json`, so this checks what turbo really hashes, whatever globs
// produced it.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { pathToFileURL } from "node:url";

/** Directory names that only ever hold generated files. */
export const GENERATED_DIRS = ["node_modules", ".turbo", "dist", "site", "test-artifacts", "coverage", ".build"];

/**
 * The tasks the root `test` script passes to `turbo run` (its flags left out).
 * @param {string} script e.g. "biome check . && turbo run lint test --concurrency=2"
 */
export function turboTasksOf(script) {
  const match = /\bturbo run ([^&|;]+)/.exec(script);
  if (!match?.[1]) throw new Error(`no \`turbo run\` in the test script: ${script}`);
  const tasks = match[1]
    .trim()
    .split(/\s+/)
    .filter((arg) => !arg.startsWith("-"));
  if (tasks.length === 0) throw new Error(`\`turbo run\` without tasks in the test script: ${script}`);
  return tasks;
}

/**
 * Every (task, input file) pair of a dry run whose file is generated.
 * @param {{ tasks: { taskId: string, directory: string, inputs: Record<string, string> }[] }} dryRun
 *   `turbo run … --dry=json` output; input paths are relative to the task's package directory.
 * @param {(files: string[]) => Set<string>} ignoredByGit which of these repo-relative paths .gitignore lists
 * @returns {{ taskId: string, file: string, reason: string }[]} file: relative to the repository root
 */
export function findGeneratedInputs(dryRun, ignoredByGit) {
  const pairs = dryRun.tasks.flatMap((task) =>
    Object.keys(task.inputs).map((input) => ({
      taskId: task.taskId,
      file: posix.normalize(posix.join(task.directory || ".", input)),
    })),
  );
  const ignored = ignoredByGit([...new Set(pairs.map((pair) => pair.file))]);
  return pairs.flatMap(({ taskId, file }) => {
    const dir = file
      .split("/")
      .slice(0, -1)
      .find((segment) => GENERATED_DIRS.includes(segment));
    if (dir) return [{ taskId, file, reason: `under a ${dir}/ directory` }];
    if (ignored.has(file)) return [{ taskId, file, reason: "listed in .gitignore" }];
    return [];
  });
}

/** Asks git which of these paths .gitignore lists (tracked files never count as ignored). */
function gitIgnored(root) {
  return (files) => {
    if (files.length === 0) return new Set();
    const result = spawnSync("git", ["check-ignore", "--stdin", "-z"], { cwd: root, input: files.join("\0") });
    // Exit 1: none ignored. Anything else but 0 is a failure of git itself.
    if (result.status !== 0 && result.status !== 1) throw new Error(`git check-ignore failed: ${result.stderr}`);
    return new Set(result.stdout.toString("utf8").split("\0").filter(Boolean));
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).trim();
  const tasks = turboTasksOf(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.test);
  const turbo = join(root, "node_modules", ".bin", "turbo");
  const dryRun = JSON.parse(
    execFileSync(turbo, ["run", ...tasks, "--dry=json"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 2 ** 20 }),
  );
  const bad = findGeneratedInputs(dryRun, gitIgnored(root));
  if (bad.length > 0) {
    const byTask = new Map();
    for (const entry of bad) byTask.set(entry.taskId, [...(byTask.get(entry.taskId) ?? []), entry]);
    console.error("turbo task inputs include generated files, so these tasks can never hit the cache:");
    for (const [taskId, entries] of byTask) {
      console.error(`  ${taskId} (${entries.length} files), e.g.:`);
      for (const { file, reason } of entries.slice(0, 5)) console.error(`    ${file} (${reason})`);
    }
    console.error("Name the files the task reads in its turbo.json `inputs` (see the comment in turbo.json).");
    process.exit(1);
  }
  console.log(`turbo inputs: ${dryRun.tasks.length} tasks of \`turbo run ${tasks.join(" ")}\` hash no generated files`);
}
