/** Where the bench reads and writes, resolved from this file so any working directory works. */
import { fileURLToPath } from "node:url";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const benchDir = here("../");
export const repoRoot = here("../../");
export const specPath = here("../../spec/openapi.yaml");
export const generatedDir = here("../generated/");
export const buildDir = here("../.build/");
export const peersDir = here("./peers/");
export const resultsPath = here("../results.json");
export const chartPath = here("../ratios.svg");
export const reportPath = here("../../BENCHMARKS.md");
export const clientPackageJson = here("../../packages/client/package.json");
export const clientSizeLimit = here("../../packages/client/.size-limit.json");
