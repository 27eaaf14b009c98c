/** The spec's operations and the sample files, as the docs tests see them. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { specPath } from "@planky-kit/spec/path";
import { parse } from "yaml";

export const samplesDir = fileURLToPath(new URL("../../samples/", import.meta.url));

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// biome-ignore lint/suspicious/noExplicitAny: the spec is untyped YAML.
export const spec: any = parse(readFileSync(specPath, "utf8"));

function operationsOf(map: Record<string, unknown> | undefined): Operation[] {
  return Object.entries(map ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => (item as Record<string, unknown>)[method]).map((method) => {
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      const operation = (item as any)[method];
      return { operationId: operation.operationId, method, path, summary: operation.summary, tag: operation.tags?.[0] };
    }),
  );
}

/** Every operation under `paths`: the calls you make, each with a TypeScript and a curl sample. */
export const operations: Operation[] = operationsOf(spec.paths);
/** Every entry under `webhooks` (keyed by webhook type): calls Planky makes to you, so no client sample. */
export const webhookOperations: Operation[] = operationsOf(spec.webhooks);

/**
 * Whether an operation is called from a browser: Planky's "webflow" endpoints, which the spec marks by their
 * customer-token security (`AppUserToken`), are made by your front end or app, never with your API keys.
 */
export function isBrowserOperation({ path, method }: Operation): boolean {
  const requirements: Record<string, unknown>[] = spec.paths[path][method].security ?? spec.security;
  return requirements.some((requirement) => "AppUserToken" in requirement);
}

export const sampleFile = (name: string) => `${samplesDir}${name}.ts`;
export const hasSample = (operationId: string) => existsSync(sampleFile(operationId));

/** Names of the per-operation sample files (guides/ holds the longer, multi-call ones). */
export const sampleNames = readdirSync(samplesDir)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -3));

/** Every sample file, guides included, e.g. `createInvitation` or `guides/end-to-end`. */
export const allSampleNames = [
  ...sampleNames,
  ...readdirSync(`${samplesDir}guides`)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => `guides/${file.slice(0, -3)}`),
];

/** The browser samples: those of browser operations, and any other that imports the webflow client. */
export const browserSampleNames = allSampleNames.filter(
  (name) =>
    operations.some((operation) => operation.operationId === name && isBrowserOperation(operation)) ||
    readFileSync(sampleFile(name), "utf8").includes('from "@planky-kit/client/webflow"'),
);

/** What the docs put after a sample's `baseUrl` line, so copied code calls the sandbox and says what to change. */
export const SANDBOX_NOTE = "// the sandbox (pnpm start); delete this line to call Planky";

/**
 * The sample as the docs must show it: the file without its `// test-only` lines, but the `baseUrl` one noted (and,
 * in a browser sample, which has no `process.env`, the sandbox's URL alone).
 */
export function shownSample(name: string): string {
  const source = readFileSync(sampleFile(name), "utf8");
  const inBrowser = browserSampleNames.includes(name);
  return source
    .split("\n")
    .flatMap((line) => {
      if (!line.trimEnd().endsWith("// test-only")) return [line];
      if (!/^\s*baseUrl:/.test(line)) return [];
      const noted = line.trimEnd().replace(/\/\/ test-only$/, SANDBOX_NOTE);
      return [inBrowser ? noted.replace("process.env.PLANKY_BASE_URL ?? ", "") : noted];
    })
    .join("\n")
    .trim();
}

/** Whether a concrete request path matches a spec path template such as `/customers/{customer_id}/token`. */
export function matchesTemplate(template: string, path: string): boolean {
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${pattern}$`).test(path);
}
