// Writes the README's control-API table from the control API's spec (spec/flows/sandbox-control.openapi.yaml), the
// same spec the sandbox derives its control routes from, so the table lists exactly what the sandbox serves.
// `--check` writes nothing and fails when the README's table is stale.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const START =
  "<!-- control-api-table: generated from spec/flows/sandbox-control.openapi.yaml by scripts/control-readme.mjs (`pnpm --filter @planky-kit/mock generate`); do not edit -->";
const END = "<!-- /control-api-table -->";
const METHODS = ["get", "put", "post", "delete", "patch"];

const readme = fileURLToPath(new URL("../README.md", import.meta.url));
const spec = parse(
  await readFile(new URL(import.meta.resolve("@planky-kit/spec/flows/sandbox-control.openapi.yaml")), "utf8"),
);

const oneLine = (text) => (text ?? "").replace(/\s+/g, " ").trim();
const deref = (node) => {
  const ref = node?.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return node;
  return ref
    .slice(2)
    .split("/")
    .reduce((at, key) => at?.[key], spec);
};
const refName = (ref) => ref.split("/").pop();

/** `{ a, b }` for an object schema, the schema's name for a `$ref`, nothing for a body without JSON. */
function shape(schema) {
  if (!schema) return "";
  if (schema.$ref) {
    const target = deref(schema);
    return target?.properties ? shape(target) : refName(schema.$ref);
  }
  if (schema.properties) return `{ ${Object.keys(schema.properties).join(", ")} }`;
  return "";
}

function answers(operation) {
  return Object.entries(operation.responses ?? {})
    .map(([status, response]) => {
      const content = deref(response).content ?? {};
      const json = content["application/json"]?.schema;
      const body = json ? shape(json) : Object.keys(content)[0];
      return body ? `\`${status}\` \`${body}\`` : `\`${status}\``;
    })
    .join(", ");
}

function call(method, path, operation) {
  const query = (operation.parameters ?? []).map(deref).filter((p) => p.in === "query");
  const example = operation.requestBody?.content?.["application/json"]?.example;
  return [
    `\`${method.toUpperCase()} ${path}\``,
    query.length > 0 ? `(${query.map((p) => `\`?${p.name}=\``).join(", ")})` : "",
    example === undefined ? "" : `\`${JSON.stringify(example)}\``,
  ]
    .filter(Boolean)
    .join(" ");
}

const rows = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => {
    const operation = item[method];
    const cell = (text) => oneLine(text).replace(/\|/g, "\\|");
    return `| ${cell(call(method, path, operation))} | ${cell(operation.description ?? operation.summary)} | ${cell(answers(operation))} |`;
  }),
);
const table = [START, "", "| call | does | answers |", "| --- | --- | --- |", ...rows, "", END].join("\n");

const text = await readFile(readme, "utf8");
const start = text.indexOf(START);
const end = text.indexOf(END);
if (start < 0 || end < start) throw new Error(`${readme} has no control-API table markers (${START} … ${END})`);
const updated = `${text.slice(0, start)}${table}${text.slice(end + END.length)}`;

if (process.argv.includes("--check")) {
  if (updated !== text) {
    console.error(
      `${readme}: the control-API table is stale against spec/flows/sandbox-control.openapi.yaml. Run \`pnpm --filter @planky-kit/mock generate\`.`,
    );
    process.exit(1);
  }
  console.log("README control-API table is up to date");
} else {
  await writeFile(readme, updated);
  console.log(`wrote the control-API table of ${readme}`);
}
