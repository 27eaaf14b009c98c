// Run by .github/workflows/release.yml before publishing: every published package's `repository` must name the
// repository the release runs in. npm checks a provenance statement against that field and refuses the publish
// (E422) when it is missing or names another repository, so this fails first, with a message that says what to set.
//
// Usage: node scripts/check-repository-field.mjs <repository URL, e.g. https://github.com/OWNER/REPO>
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** `git+https://github.com/o/r.git`, `github:o/r` and `https://github.com/o/r` all become `github.com/o/r`. */
export function normalizeRepositoryUrl(url) {
  return url
    .trim()
    .replace(/^github:/, "github.com/")
    .replace(/^git\+/, "")
    .replace(/^(https?|ssh|git):\/\/(git@)?/, "")
    .replace(/\.git$/, "")
    .replace(/\/$/, "")
    .toLowerCase();
}

/** The problems with one manifest's `repository` field, for a package published from `expectedUrl`. */
export function repositoryProblems(manifest, directory, expectedUrl) {
  const field = manifest.repository;
  const url = typeof field === "string" ? field : field?.url;
  const wanted = `"repository": { "type": "git", "url": "git+${expectedUrl.replace(/\/$/, "")}.git", "directory": "${directory}" }`;
  if (!url) return [`${manifest.name}: no "repository" field; set ${wanted}`];
  const problems = [];
  if (normalizeRepositoryUrl(url) !== normalizeRepositoryUrl(expectedUrl)) {
    problems.push(
      `${manifest.name}: "repository" names ${url}, but this release runs in ${expectedUrl}; set ${wanted}`,
    );
  }
  if (typeof field === "object" && field.directory !== undefined && field.directory !== directory) {
    problems.push(`${manifest.name}: "repository.directory" is ${field.directory}, but the package is in ${directory}`);
  }
  return problems;
}

function main() {
  const [expectedUrl] = process.argv.slice(2);
  if (!expectedUrl) {
    console.error("usage: node scripts/check-repository-field.mjs <repository URL>");
    process.exit(2);
  }
  const problems = [];
  for (const dir of readdirSync(join(root, "packages"))) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
    } catch {
      continue; // not a package
    }
    if (manifest.private) continue;
    problems.push(...repositoryProblems(manifest, `packages/${dir}`, expectedUrl));
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(`check-repository-field: ${problem}`);
    process.exit(1);
  }
  console.log(`check-repository-field: every published package names ${expectedUrl}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
