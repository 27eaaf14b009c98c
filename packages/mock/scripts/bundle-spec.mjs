// Bundles spec/openapi.yaml into src/generated/spec.ts, so the published package carries the spec it mocks and
// needs no YAML parser or file access at run time. `--check` writes nothing and fails when the file is stale.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const specFile = new URL(import.meta.resolve("@planky-kit/spec/openapi.yaml"));
const outFile = fileURLToPath(new URL("../src/generated/spec.ts", import.meta.url));

const spec = parse(await readFile(specFile, "utf8"));
const operationIds = Object.values(spec.paths)
  .flatMap((item) => Object.values(item))
  .map((operation) => operation?.operationId)
  .filter((id) => typeof id === "string");
const union = (values) => values.map((value) => JSON.stringify(value)).join(" | ");

const generated = `// GENERATED from spec/openapi.yaml by scripts/bundle-spec.mjs. Do not edit: run \`pnpm --filter @planky-kit/mock generate\`.
import type { SpecDocument } from "../spec-document";

/** The operationId of every operation in the spec's \`paths\`. */
export type OperationId = ${union(operationIds)};

/** The name of every webhook in the spec's \`webhooks\` section. */
export type WebhookType = ${union(Object.keys(spec.webhooks ?? {}))};

// Typed by the subset the mock reads; the literal carries more (descriptions, summaries).
export const spec = ${JSON.stringify(spec, null, 2)} as unknown as SpecDocument;
`;

if (process.argv.includes("--check")) {
  const committed = await readFile(outFile, "utf8").catch(() => "");
  if (committed !== generated) {
    console.error(`${outFile} is stale against spec/openapi.yaml. Run \`pnpm --filter @planky-kit/mock generate\`.`);
    process.exit(1);
  }
  console.log("bundled spec is up to date");
} else {
  await writeFile(outFile, generated);
  console.log(`wrote ${outFile}`);
}
