// The docs site's text as Markdown, next to its index.html, for the tools integrators read docs with (issue 30 cites
// Stripe's and Plaid's docs): `llms.txt` (the index, https://llmstxt.org), `overview.md` (the overview with its tested
// Quick start), `operations/<operationId>.md` (each operation with its tested TypeScript and curl samples) and
// `openapi.json` (the spec as the site shows it). Everything comes from the same bundled spec the HTML is built from,
// so the two never say different things.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { resolve } from "./plugins/planky-docs.mjs";

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"];

/**
 * Writes the Markdown pages into `dir` and returns their paths relative to it (llms.txt first).
 * @param {Record<string, any>} spec the bundled spec (decorators applied)
 * @param {string} dir the site's directory
 */
export async function writeMarkdownPages(spec, dir) {
  const operations = operationsOf(spec);
  const files = new Map([
    ["llms.txt", llmsIndex(spec, operations)],
    ["overview.md", overviewPage(spec, operations)],
    ["openapi.json", `${JSON.stringify(spec, null, 2)}\n`],
    ...operations.map((op) => [`operations/${op.operationId}.md`, operationPage(spec, op)]),
  ]);
  await mkdir(join(dir, "operations"), { recursive: true });
  await Promise.all([...files].map(([file, text]) => writeFile(join(dir, file), text)));
  return [...files.keys()];
}

/** Every operation under `paths`, in the spec's order, with its path, method and tag. */
export function operationsOf(spec) {
  return Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      ...item[method],
      path,
      method,
      pathParameters: item.parameters ?? [],
    })),
  );
}

function llmsIndex(spec, operations) {
  const byTag = new Map();
  for (const op of operations) {
    const tag = op.tags?.[0] ?? "Other";
    byTag.set(tag, [...(byTag.get(tag) ?? []), op]);
  }
  const lines = [
    `# ${spec.info.title}`,
    "",
    `> The docs site of planky-kit's OpenAPI description of Planky's API (version ${spec.info.version}), as Markdown: the ` +
      "overview (with the tested Quick start) and every operation with its tested TypeScript and curl samples.",
    "",
    "## Docs",
    "",
    "- [Overview](overview.md): the journey, authentication, front end, webhooks, what Planky does not document",
  ];
  for (const [tag, ops] of byTag) {
    lines.push("", `## ${tag}`, "");
    for (const op of ops) {
      lines.push(`- [${op.summary}](operations/${op.operationId}.md): \`${op.method.toUpperCase()} ${op.path}\``);
    }
  }
  lines.push("", "## Optional", "", "- [OpenAPI description](openapi.json): the spec as this site shows it", "");
  return lines.join("\n");
}

function overviewPage(spec, operations) {
  const links = operations.map(
    (op) => `- [${op.summary}](operations/${op.operationId}.md): \`${op.method.toUpperCase()} ${op.path}\``,
  );
  return [`# ${spec.info.title}`, "", (spec.info.description ?? "").trim(), "", "## Operations", "", ...links, ""].join(
    "\n",
  );
}

function operationPage(spec, op) {
  const lines = [
    `# ${op.summary}`,
    "",
    `\`${op.method.toUpperCase()} ${op.path}\` (operation \`${op.operationId}\`, ${op.tags?.[0] ?? "no tag"})`,
    "",
    (op.description ?? "").trim(),
  ];
  const parameters = [...op.pathParameters, ...(op.parameters ?? [])].map((p) => resolve(spec, p));
  if (parameters.length > 0) {
    lines.push("", "## Parameters", "", "| name | in | required | description |", "| --- | --- | --- | --- |");
    for (const p of parameters) {
      lines.push(`| \`${p.name}\` | ${p.in} | ${p.required ? "yes" : "no"} | ${cell(p.description)} |`);
    }
  }
  const body = resolve(spec, op.requestBody)?.content?.["application/json"];
  if (body) {
    const example = body.example ?? resolve(spec, Object.values(body.examples ?? {})[0])?.value;
    lines.push("", "## Request body (application/json)");
    if (example !== undefined) lines.push("", "```json", JSON.stringify(example, null, 2), "```");
  }
  lines.push("", "## Responses", "", "| status | description |", "| --- | --- |");
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    lines.push(`| ${status} | ${cell(resolve(spec, response)?.description)} |`);
  }
  const samples = op["x-codeSamples"] ?? [];
  if (samples.length > 0) {
    lines.push("", "## Samples");
    for (const sample of samples) {
      const fence = sample.lang === "curl" ? "sh" : sample.lang.toLowerCase();
      lines.push("", `### ${sample.label ?? sample.lang}`, "", `\`\`\`${fence}`, sample.source, "```");
    }
  }
  lines.push("", "[Overview](../overview.md) · [All pages](../llms.txt)", "");
  return lines.join("\n");
}

/** Text for one table cell: on one line, pipes escaped. */
function cell(text) {
  return (text ?? "")
    .trim()
    .replace(/\s*\n\s*/g, " ")
    .replaceAll("|", "\\|");
}
