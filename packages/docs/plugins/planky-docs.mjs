// Redocly plugin for the docs site. Its decorators run when the spec is bundled (`redocly bundle`, `build-docs`);
// they never change openapi.yaml itself, so the mock, the type generator and the linter see the spec as written.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Decorator options hold paths relative to packages/docs (where its redocly.yaml lives). */
const docsDir = fileURLToPath(new URL("../", import.meta.url));
const fromDocsDir = (path) => (isAbsolute(path) ? path : join(docsDir, path));

/** A line of a sample ending with this comment only helps the tests run it; the docs leave it out, except below. */
export const TEST_ONLY_MARKER = "// test-only";
/**
 * A test-only `baseUrl:` line is shown, with this note instead of the marker: the copied code (Copy button) then
 * calls the local sandbox, not production, and says in one visible line what to change.
 */
export const SANDBOX_NOTE = "// the sandbox (pnpm start); delete this line to call Planky";
/** Set by `pnpm start`: the URL of the Prism mock it runs, shown as the first server of the served docs. */
export const MOCK_URL_ENV = "PLANKY_DOCS_MOCK_URL";

/** The overview's last lines: where the site's text is as Markdown (written by markdown-pages.mjs). */
export const MARKDOWN_LINKS =
  "**As Markdown**, for the tools you read docs with: [llms.txt](llms.txt) lists [this overview](overview.md) and " +
  "every operation (`operations/<operationId>.md`) with its samples; [openapi.json](openapi.json) is the spec as " +
  "this site shows it.";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export default function plankyDocsPlugin() {
  return {
    id: "planky-docs",
    decorators: {
      oas3: {
        "local-mock-server": LocalMockServer,
        "code-samples": CodeSamples,
        overview: Overview,
        "site-title": SiteTitle,
        "unwrap-descriptions": UnwrapDescriptions,
      },
    },
  };
}

/**
 * With PLANKY_DOCS_MOCK_URL set, that mock becomes the first server and replaces the spec's loopback entries.
 * Redoc shows server descriptions as plain text, so markdown code spans lose their backticks here.
 */
function LocalMockServer() {
  return {
    Root: {
      enter(root) {
        for (const server of root.servers ?? []) {
          if (server.description) server.description = server.description.replace(/`([^`]*)`/g, "$1");
        }
        const url = process.env[MOCK_URL_ENV];
        if (!url) return;
        const others = (root.servers ?? []).filter((server) => !isLoopback(server.url));
        root.servers = [
          {
            url,
            description:
              "Local sandbox started by pnpm start next to these docs (@planky-kit/mock, every exchange checked " +
              "by Prism against this spec). The curl samples below call it, with the spec's example ids and " +
              "references: on the sandbox, use the ids it gave you (the overview's walk-through under \"Try it " +
              'against the local mock" runs as printed). It is not the real API.',
          },
          ...others,
        ];
      },
    },
  };
}

/**
 * Adds `x-codeSamples` to every operation under `paths`: the TypeScript sample file `<samplesDir>/<operationId>.ts`
 * (test-only lines removed) and a curl command built from the operation's first request example.
 * Webhooks are requests Planky sends to you, so they get no samples.
 */
function CodeSamples({ samplesDir = "samples", authHeaders = {} } = {}) {
  return {
    Root: {
      leave(root, ctx) {
        const serverUrl = root.servers?.[0]?.url;
        if (!serverUrl) throw new Error("planky-docs/code-samples: the spec has no servers[0] to put in curl samples");
        for (const [path, pathItem] of Object.entries(root.paths ?? {})) {
          for (const method of HTTP_METHODS) {
            const operation = pathItem?.[method];
            if (!operation) continue;
            const samples = [];
            const file = join(fromDocsDir(samplesDir), `${operation.operationId}.ts`);
            if (existsSync(file)) {
              samples.push({ lang: "TypeScript", label: "TypeScript", source: readSample(file) });
            } else {
              // Not fatal, so a new operation still builds; the docs tests fail on it and name the missing file.
              ctx.report({
                message: `No TypeScript sample for operation "${operation.operationId}": add ${file}`,
                location: ctx.location.child(["paths", path, method]),
                forceSeverity: "warn",
              });
            }
            samples.push({
              lang: "curl",
              label: "curl",
              source: curlCommand({ root, serverUrl, path, method, operation, authHeaders }),
            });
            operation["x-codeSamples"] = samples;
          }
        }
      },
    },
  };
}

/**
 * The spec's descriptions are wrapped at 80 columns. Rendered, a line break inside a paragraph is a space, but the
 * site's search snippets drop it and glue words ("thecustomer's"): so each paragraph's lines are joined with a space.
 * Code blocks, list items, headings, tables, quotes and hard breaks stay as written. Not the servers' descriptions
 * (plain text already, see LocalMockServer).
 */
function UnwrapDescriptions() {
  return {
    Root: {
      leave(root) {
        const { servers, ...rest } = root;
        unwrapIn(rest);
      },
    },
  };
}

function unwrapIn(node) {
  if (Array.isArray(node)) {
    for (const item of node) unwrapIn(item);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "description" && typeof value === "string") node[key] = unwrapMarkdown(value);
      // Samples and example values are data, not prose.
      else if (!["x-codeSamples", "value", "example"].includes(key)) unwrapIn(value);
    }
  }
}

/** Joins the soft-wrapped lines of markdown paragraphs (and of list items) with a space. */
export function unwrapMarkdown(markdown) {
  const out = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    const starts = line.trimStart();
    if (/^(```|~~~)/.test(starts)) inFence = !inFence;
    const previous = out.at(-1);
    const joinable =
      !inFence &&
      !/^(```|~~~)/.test(starts) &&
      previous !== undefined &&
      previous.trim() !== "" &&
      starts !== "" &&
      !/^([-*+] |\d+[.)] |#|>|\||<(?!https?:)[a-zA-Z/!])/.test(starts) &&
      !/^\s*(#|\||```|~~~)/.test(previous) &&
      !/( {2}|\\)$/.test(previous);
    if (joinable) out[out.length - 1] = `${previous} ${starts}`;
    else out.push(line);
  }
  return out.join("\n");
}

/** Redoc shows "title (version)": a title ending in "(v3)" for version 3.x would read "(v3) (3.0.0)". */
function SiteTitle() {
  return {
    Info: {
      leave(info) {
        const major = /^(\d+)\./.exec(info.version ?? "")?.[1];
        if (major) info.title = info.title.replace(new RegExp(`\\s*\\(v${major}\\)$`), "");
      },
    },
  };
}

/** Appends a markdown file to `info.description`; `{{sample:name}}` becomes the sample file `name.ts` as a code block. */
function Overview({ file = "overview.md", samplesDir = "samples" } = {}) {
  return {
    Info: {
      leave(info) {
        const markdown = readFileSync(fromDocsDir(file), "utf8").replace(/\{\{sample:([\w/-]+)\}\}/g, (_, name) => {
          const source = readSample(join(fromDocsDir(samplesDir), `${name}.ts`));
          return `\`\`\`typescript\n${source}\n\`\`\``;
        });
        info.description = `${info.description ?? ""}\n\n${markdown.trim()}\n\n${MARKDOWN_LINKS}\n`;
      },
    },
  };
}

/**
 * The sample as a user would write it: without test-only lines (the `baseUrl` one with its note), trimmed. A browser
 * sample (webflow client) has no `process.env`: its `baseUrl` is the sandbox's URL itself.
 */
export function readSample(file) {
  const source = readFileSync(file, "utf8");
  const inBrowser = source.includes('from "@planky-kit/client/webflow"');
  return source
    .split("\n")
    .flatMap((line) => {
      const trimmed = line.trimEnd();
      if (!trimmed.endsWith(TEST_ONLY_MARKER)) return [line];
      if (!/^\s*baseUrl:/.test(trimmed)) return [];
      const shown = inBrowser ? trimmed.replace(/process\.env\.PLANKY_BASE_URL \?\? /, "") : trimmed;
      return [`${shown.slice(0, -TEST_ONLY_MARKER.length)}${SANDBOX_NOTE}`];
    })
    .join("\n")
    .trim();
}

function curlCommand({ root, serverUrl, path, method, operation, authHeaders }) {
  const parameters = [...(root.paths[path].parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
    resolve(root, p),
  );
  let urlPath = path;
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    if (parameter.in !== "path" && !(parameter.in === "query" && parameter.required)) continue;
    const value = exampleOf(root, parameter);
    if (value === undefined) {
      throw new Error(
        `planky-docs/code-samples: parameter "${parameter.name}" of ${operation.operationId} needs an example`,
      );
    }
    if (parameter.in === "path") urlPath = urlPath.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
    else query.append(parameter.name, String(value));
  }
  const url = `${serverUrl.replace(/\/+$/, "")}${urlPath}${query.size ? `?${query}` : ""}`;

  const lines = [`curl --request ${method.toUpperCase()}`, `--url ${shellQuote(url)}`];
  const security = operation.security ?? root.security ?? [];
  const scheme = Object.keys(security[0] ?? {})[0];
  if (scheme) {
    const header = authHeaders[scheme];
    if (!header) {
      throw new Error(`planky-docs/code-samples: no authHeaders entry for security scheme "${scheme}" in redocly.yaml`);
    }
    // Double quotes so the shell expands the token variable named in the header.
    lines.push(`--header "${header}"`);
  }
  const json = resolve(root, operation.requestBody)?.content?.["application/json"];
  if (json) {
    const body = firstExample(root, json);
    if (body === undefined) {
      throw new Error(`planky-docs/code-samples: the JSON request body of ${operation.operationId} needs an example`);
    }
    lines.push(
      "--header 'Content-Type: application/json'",
      `--data ${shellQuote(JSON.stringify(body, null, 2).replaceAll("\n", "\n  "))}`,
    );
  }
  return lines.join(" \\\n  ");
}

function exampleOf(root, parameter) {
  if (parameter.example !== undefined) return parameter.example;
  const fromExamples = firstExample(root, parameter);
  if (fromExamples !== undefined) return fromExamples;
  return resolve(root, parameter.schema)?.example;
}

function firstExample(root, holder) {
  if (holder.example !== undefined) return holder.example;
  const first = Object.values(holder.examples ?? {})[0];
  return first === undefined ? undefined : resolve(root, first).value;
}

/** Follows local `$ref`s (`#/components/...`); the spec is one file. */
export function resolve(root, node) {
  let current = node;
  for (let hops = 0; current?.$ref !== undefined; hops++) {
    if (hops > 20 || !current.$ref.startsWith("#/")) throw new Error(`planky-docs: cannot resolve ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((value, key) => value?.[key], root);
  }
  return current;
}

function shellQuote(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function isLoopback(url) {
  return /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])([:/]|$)/.test(url ?? "");
}
