// `pnpm pack:packages [dir]`: the route to the kit in your own project until @planky-kit/client and @planky-kit/mock
// are on npm. Builds both, packs them with `pnpm pack` (which writes the versions of workspace dependencies, as a
// publish does) into `dir` (default: packed/ in the repository, git-ignored), and prints the one `npm install`
// line to run in your project. packages/docs/test/copied-snippets.test.ts installs a consumer project this way.
// `--no-build`: pack what is built (the test, whose turbo task already waits for the builds).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const PACKAGES = ["client", "mock"];

const args = process.argv.slice(2);
const outDir = resolve(args.find((arg) => !arg.startsWith("--")) ?? join(root, "packed"));
mkdirSync(outDir, { recursive: true });

if (!args.includes("--no-build")) {
  const filters = PACKAGES.map((name) => `--filter=@planky-kit/${name}`);
  run(join(root, "node_modules", ".bin", "turbo"), ["run", "build", ...filters, "--output-logs=errors-only"], root);
}
const pnpm = join(root, "node_modules", "pnpm", "bin", "pnpm.cjs");
for (const name of PACKAGES) {
  run(process.execPath, [pnpm, "pack", "--pack-destination", outDir], join(root, "packages", name));
}
const tarballs = readdirSync(outDir)
  .filter((file) => /^planky-kit-(client|mock)-.*\.tgz$/.test(file))
  .map((file) => join(outDir, file));
console.log(`Packed into ${outDir}. In your project (Node >= 20, npm):\n  npm install ${tarballs.join(" ")}`);

/** Runs a command quietly; on failure prints its output and exits with its code. */
function run(command, commandArgs, cwd) {
  // turbo looks for the package manager on PATH: the repository's own pnpm, also when run as `node scripts/…`.
  const env = { ...process.env, PATH: `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}` };
  const result = spawnSync(command, commandArgs, { cwd, encoding: "utf8", env });
  if (result.status === 0) return;
  process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}${result.error ?? ""}\n`);
  console.error(`pack:packages: ${command} ${commandArgs.join(" ")} failed (exit ${result.status})`);
  process.exit(result.status || 1);
}
