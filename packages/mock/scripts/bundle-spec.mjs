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
const METHODS = ["get", "put", "post", "delete", "patch"];
const controlOperations = Object.entries(control.paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => {
    const operation = item[method];
    const schema = operation.requestBody?.content?.["application/json"]?.schema;
    return {
      id: operation.operationId,
      method: method.toUpperCase(),
      path,
      summary: operation.summary ?? "",
      ...(schema ? { body: { schema, required: operation.requestBody.required === true } } : {}),
    };
  }),
);
const controlModule = `${header("spec/flows/sandbox-control.openapi.yaml")}
import type { Schema } from "../spec-document";

/** The operationId of every operation of the sandbox's control API. */
export type ControlOperationId = ${union(controlOperations.map((op) => op.id))};

export interface ControlOperation {
  id: ControlOperationId;
  /** Upper case, e.g. \`POST\`. */
  method: string;
  /** The path template, e.g. \`/_sandbox/bank/{consent_id}\`. */
  path: string;
  summary: string;
  /** The JSON request body's schema, when the operation takes one. */
  body?: { schema: Schema; required: boolean };
}

/** Every operation of the control API's spec, in the spec's order: what the sandbox routes and checks. */
export const controlOperations: ControlOperation[] = ${JSON.stringify(controlOperations, null, 2)};
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
