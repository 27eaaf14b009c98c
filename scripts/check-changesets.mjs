// Fails when a change to `spec/` or `packages/*/src` has no changeset naming the package it changes.
//
// What counts as "a change" is the diff from a base commit to the working tree (commits, staged, unstaged and
// untracked files alike). The base is:
//   1. $CHANGESET_BASE, when set (any git revision; e.g. a PR's target branch in a CI that has one);
//   2. on a branch that is not (yet) part of main: its merge base with `main` (or `origin/main`), i.e. the branch's
//      own work;
//   3. on main itself (a fresh CI clone of main, or HEAD already merged into main): the last release, which is the
//      last commit that touched `.changeset/last-release.json`. `pnpm version-packages` rewrites that file, so
//      right after a release the diff is empty, and every later spec/src change needs a new changeset.
// A change to `spec/` needs a changeset for `@planky-kit/client`, which ships the spec (or `@planky-kit/spec`);
// a change to `packages/<dir>/src` needs one for that package. `pnpm changeset --empty` records a deliberate
// "no release needed" and satisfies the check.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const RELEASE_MARKER = ".changeset/last-release.json";
const SPEC_PACKAGES = ["@planky-kit/client", "@planky-kit/spec"];

const git = (...args) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
const tryGit = (...args) => {
  try {
    return git(...args);
  } catch {
    return undefined;
  }
};

const root = git("rev-parse", "--show-toplevel");
process.chdir(root);

const { base, why } = findBase();
const changed = changedFiles(base);

// Which packages need a changeset, and which files make them need it.
const needs = new Map();
for (const file of changed) {
  const owners = ownersOf(file.path);
  if (!owners) continue;
  const key = owners.join(" or ");
  needs.set(key, { owners, files: [...(needs.get(key)?.files ?? []), file.path] });
}

// Changesets added since the base, and the packages they name.
const added = changed.filter(
  (f) => f.status !== "D" && /^\.changeset\/[^/]+\.md$/.test(f.path) && f.path !== ".changeset/README.md",
);
const named = new Set();
let emptyChangeset = false;
for (const { path } of added) {
  const packages = frontmatterPackages(readFileSync(path, "utf8"));
  if (packages.length === 0) emptyChangeset = true;
  for (const name of packages) named.add(name);
}

const missing = [...needs.values()].filter(({ owners }) => !owners.some((name) => named.has(name)));
const shortBase = base.slice(0, 12);
if (missing.length === 0 || emptyChangeset) {
  const detail = needs.size === 0 ? "no changes to spec/ or packages/*/src" : `${added.length} changeset(s) cover them`;
  console.log(`changesets: OK since ${shortBase} (${why}): ${detail}.`);
  process.exit(0);
}
console.error(`changesets: missing since ${shortBase} (${why}).`);
for (const { owners, files } of missing) {
  const shown = files.slice(0, 5).join(", ") + (files.length > 5 ? `, … (${files.length} files)` : "");
  console.error(`  - ${owners.join(" or ")}: changed ${shown}`);
}
console.error(
  "Run `pnpm changeset`, pick the package(s) and the bump, and commit the file it writes (or `pnpm changeset --empty` for a change that needs no release).",
);
process.exit(1);

function findBase() {
  if (process.env.CHANGESET_BASE) {
    return { base: git("rev-parse", `${process.env.CHANGESET_BASE}^{commit}`), why: "$CHANGESET_BASE" };
  }
  const main = ["main", "origin/main"].find((ref) => tryGit("rev-parse", "--verify", "--quiet", `${ref}^{commit}`));
  const head = git("rev-parse", "HEAD");
  if (main) {
    const mergeBase = tryGit("merge-base", "HEAD", main);
    if (mergeBase && mergeBase !== head) return { base: mergeBase, why: `merge base with ${main}` };
  }
  const release = tryGit("log", "-1", "--format=%H", "--", RELEASE_MARKER);
  if (release) return { base: release, why: `last release, the last commit touching ${RELEASE_MARKER}` };
  // No release yet and no marker: everything since the first commit counts.
  const first = git("rev-list", "--max-parents=0", "HEAD").split("\n")[0];
  return { base: first, why: "first commit (no release recorded yet)" };
}

function changedFiles(from) {
  const files = new Map();
  // Committed + staged + unstaged, relative to the base; renames count as add + delete.
  for (const line of git("diff", "--name-status", "--no-renames", from).split("\n")) {
    if (!line) continue;
    const [status, path] = line.split("\t");
    files.set(path, status[0]);
  }
  for (const path of git("ls-files", "--others", "--exclude-standard").split("\n")) {
    if (path) files.set(path, "A");
  }
  return [...files].map(([path, status]) => ({ path, status }));
}

/** The package names a changed path belongs to (any one of them satisfies it), or undefined if it needs none. */
function ownersOf(path) {
  if (path.startsWith("spec/")) return SPEC_PACKAGES;
  const match = /^packages\/([^/]+)\/src\//.exec(path);
  if (!match) return undefined;
  const manifest = join("packages", match[1], "package.json");
  const name = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).name : undefined;
  return [name ?? `packages/${match[1]}`];
}

/** Package names in a changeset's frontmatter (`"@scope/name": minor`). */
function frontmatterPackages(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text);
  if (!match) return [];
  return [...match[1].matchAll(/^\s*["']?([^"':\s][^"':]*)["']?\s*:\s*(major|minor|patch|none)\s*$/gm)].map(
    (m) => m[1],
  );
}
