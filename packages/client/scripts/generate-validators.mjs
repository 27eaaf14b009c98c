// Generates src/generated/response-validators.ts from the spec: for every operation, each declared status with its
// media types and headers, and ajv's standalone validation code for their schemas (JSON Schema 2020-12), so the
// client's opt-in response check (`@planky-kit/client/validate`) needs neither ajv nor a YAML parser at run time.
// `--check` writes nothing and fails when the committed file is stale.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { parse } from "yaml";

const specUrl = new URL("../../../spec/openapi.yaml", import.meta.url);
const outFile = fileURLToPath(new URL("../src/generated/response-validators.ts", import.meta.url));
const spec = parse(await readFile(specUrl, "utf8"));
// What ajv would copy into the code but never reads: prose (strings) and examples. A property *named* `description`
// has a schema (an object) as its value, so it stays.
const PROSE = new Set(["description", "summary", "title"]);
const stripped = JSON.parse(JSON.stringify(spec), (key, value) =>
  (PROSE.has(key) && typeof value === "string") || key === "example" || key === "examples" ? undefined : value,
);
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
const SPEC_ID = "planky";

const deref = (node) => {
  if (!node || typeof node.$ref !== "string") return node;
  return node.$ref
    .slice(2)
    .split("/")
    .reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
};

// Formats are annotations in JSON Schema 2020-12; checking them would need ajv-formats' code in the bundle.
const ajv = new Ajv2020({
  strict: false,
  allErrors: true,
  validateFormats: false,
  // The client builds its own messages from keyword and params (see src/internal/response-check.ts).
  messages: false,
  // One function per referenced schema, called from each place that refers to it, rather than a copy per place.
  inlineRefs: false,
  code: { source: true, esm: true, lines: false, optimize: true },
});
ajv.addSchema(stripped, SPEC_ID);

const exportsByName = {};
const pointer = (...segments) =>
  `${SPEC_ID}#/${segments.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
let next = 0;
const byLocation = new Map();
const validatorFor = (location) => {
  if (!byLocation.has(location)) {
    const name = `v${next++}`;
    exportsByName[name] = location;
    byLocation.set(location, name);
  }
  return byLocation.get(location);
};

const operations = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    const operation = item[method];
    if (!operation?.operationId) continue;
    const responses = [];
    for (const [status, raw] of Object.entries(operation.responses ?? {})) {
      const response = deref(raw);
      const base =
        typeof raw.$ref === "string" ? raw.$ref.slice(2).split("/") : ["paths", path, method, "responses", status];
      const content = Object.entries(response.content ?? {}).map(([media, { schema }]) => [
        media,
        schema ? validatorFor(pointer(...base, "content", media, "schema")) : null,
      ]);
      const headers = Object.entries(response.headers ?? {}).map(([name, header]) => {
        const resolved = deref(header);
        const headerBase =
          typeof header.$ref === "string" ? header.$ref.slice(2).split("/") : [...base, "headers", name];
        return [
          name.toLowerCase(),
          resolved.required === true,
          resolved.schema ? validatorFor(pointer(...headerBase, "schema")) : null,
        ];
      });
      responses.push([status, content, headers]);
    }
    operations.push([`${method.toUpperCase()} ${path}`, operation.operationId, responses]);
  }
}

// minLength counts code points through ajv's runtime helper; the same count, inlined (`for…of` walks code points).
const UCS2LENGTH = 'require("ajv/dist/runtime/ucs2length").default';
// Each error object carries its schema path, which the check never reads: dropped, a third of the code's size.
const code =
  standaloneCode(ajv, exportsByName)
    .replaceAll(UCS2LENGTH, "ucs2length")
    .replace(/schemaPath:"[^"]*",/g, "") +
  "\nfunction ucs2length(text) { let length = 0; for (const _ of text) length++; return length; }\n";
const imports = code.match(/require\([^)]*\)|^import .*$/gm);
if (imports) throw new Error(`ajv's standalone code needs ${imports.join(", ")} at run time; the client must not`);
const table = operations
  .map(([key, id, responses]) => {
    const rows = responses.map(([status, content, headers]) => {
      const media = content.map(([m, v]) => `[${JSON.stringify(m)}, ${v ?? "undefined"}]`).join(", ");
      const head = headers.map(([n, r, v]) => `[${JSON.stringify(n)}, ${r}, ${v ?? "undefined"}]`).join(", ");
      return `      [${JSON.stringify(status)}, [${media}], [${head}]],`;
    });
    return `  ${JSON.stringify(key)}: [${JSON.stringify(id)}, [\n${rows.join("\n")}\n  ]],`;
  })
  .join("\n");

const generated = `// GENERATED from spec/openapi.yaml by scripts/generate-validators.mjs (ajv standalone code). Do not edit: run \`pnpm generate\`.
// @ts-nocheck
/* biome-ignore-all lint: generated */
${code.replace(/^"use strict";/, "")}

/** "METHOD /path" → [operationId, [status, [mediaType, validate][], [header, required, validate][]][]]. */
export const responseSpecs = {
${table}
};
`;

if (process.argv.includes("--check")) {
  const committed = await readFile(outFile, "utf8").catch(() => "");
  if (committed !== generated) {
    console.error(`${outFile} is stale against spec/openapi.yaml. Run \`pnpm generate\` and commit the result.`);
    process.exit(1);
  }
  console.log("generated response validators are up to date");
} else {
  await writeFile(outFile, generated);
  console.log(`wrote ${outFile}`);
}
