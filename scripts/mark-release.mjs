// Run by `pnpm version-packages` right after `changeset version`: records the versions being released in
// `.changeset/last-release.json`. The commit that changes this file is "the last release", the base that
// scripts/check-changesets.mjs uses on main (see there).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifests = ["spec/package.json", ...readdirSync(`${root}packages`).map((dir) => `packages/${dir}/package.json`)];
const versions = {};
for (const path of manifests) {
  try {
    // Private packages too: a release may bump only the (private) spec package.
    const { name, version } = JSON.parse(readFileSync(`${root}${path}`, "utf8"));
    versions[name] = version;
  } catch {
    // A folder without a package.json is not a package.
  }
}
const marker = {
  note: "Written by `pnpm version-packages`. The last commit that changed this file is the last release: the base the changeset check compares main against.",
  versions,
};
writeFileSync(`${root}.changeset/last-release.json`, `${JSON.stringify(marker, null, 2)}\n`);
console.log(`Recorded release: ${JSON.stringify(versions)}`);
