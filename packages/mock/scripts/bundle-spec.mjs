// Bundles the two specs the mock serves into src/generated/, so the published package carries them and needs no YAML
// parser or file access at run time: spec/openapi.yaml (Planky's API) into spec.ts, and
// spec/flows/sandbox-control.openapi.yaml (the sandbox's control API) into control-spec.ts. `--check` writes
// nothing and fails when a file is stale.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const generatedDir = new URL("../src/generated/", import.meta.url);
const union = (values) => values.map((value) => JSON.stringify(value)).join(" | ");
const operationIdsOf = (spec) =>
  Object.values(spec.paths)
    .flatMap((item) => Object.values(item))
    .map((operation) => operation?.operationId)
    .filter((id) => typeof id === "string");
const header = (source) =>
  `// GENERATED from ${source} by scripts/bundle-spec.mjs. Do not edit: run \`pnpm --filter @planky-kit/mock generate\`.`;

const specFile = new URL(import.meta.resolve("@planky-kit/spec/openapi.yaml"));
const spec = parse(await readFile(specFile, "utf8"));
const apiModule = `${header("spec/openapi.yaml")}
import type { SpecDocument } from "../spec-document";

/** The operationId of every operation in the spec's \`paths\`. */
export type OperationId = ${union(operationIdsOf(spec))};

/** The name of every webhook in the spec's \`webhooks\` section. */
export type WebhookType = ${union(Object.keys(spec.webhooks ?? {}))};

// Typed by the subset the mock reads; the literal carries more (descriptions, summaries).
export const spec = ${JSON.stringify(spec, null, 2)} as unknown as SpecDocument;
`;

const controlFile = new URL(import.meta.resolve("@planky-kit/spec/flows/sandbox-control.openapi.yaml"));
const control = parse(await readFile(controlFile, "utf8"));
const controlModule = `${header("spec/flows/sandbox-control.openapi.yaml")}
import type { SpecDocument } from "../spec-document";

/** The operationId of every operation of the sandbox's control API. */
export type ControlOperationId = ${union(operationIdsOf(control))};

// The control API's spec as the sandbox routes and checks it (its \`$ref\`s into openapi.yaml stay unresolved: only
// answers use them, and the sandbox does not check its own answers).
export const controlSpec = ${JSON.stringify(control, null, 2)} as unknown as SpecDocument;
`;

const outputs = [
  { file: fileURLToPath(new URL("spec.ts", generatedDir)), text: apiModule, source: "spec/openapi.yaml" },
  {
    file: fileURLToPath(new URL("control-spec.ts", generatedDir)),
    text: controlModule,
    source: "spec/flows/sandbox-control.openapi.yaml",
  },
];

if (process.argv.includes("--check")) {
  let stale = false;
  for (const { file, text, source } of outputs) {
    const committed = await readFile(file, "utf8").catch(() => "");
    if (committed !== text) {
      console.error(`${file} is stale against ${source}. Run \`pnpm --filter @planky-kit/mock generate\`.`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
  console.log("bundled specs are up to date");
} else {
  for (const { file, text } of outputs) {
    await writeFile(file, text);
    console.log(`wrote ${file}`);
  }
}
