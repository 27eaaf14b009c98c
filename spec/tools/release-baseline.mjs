// @ts-check
// Records the spec being released as the baseline the breaking-change gate compares against.
// Run by the root `version-packages` script, right after `changeset version` consumed the changesets.
import { copyFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const spec = fileURLToPath(new URL("../openapi.yaml", import.meta.url));
const baseline = fileURLToPath(new URL("../released/openapi.yaml", import.meta.url));
await copyFile(spec, baseline);
console.log(`Baseline for the breaking-change gate updated: ${baseline}`);
