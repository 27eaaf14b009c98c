// Runs the Redocly CLI with this package's redocly.yaml (and so the planky-docs decorators) on spec/openapi.yaml:
// the Redoc site and the bundled spec it is built from. `node build-site.mjs` (the package's build script) writes
// the publishable site to site/index.html. The spec itself stays in spec/ (the spec and its checks only).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeMarkdownPages } from "./markdown-pages.mjs";
import { MOCK_URL_ENV } from "./plugins/planky-docs.mjs";
import { withSiteExtras } from "./plugins/site-extras.mjs";

const docsDir = fileURLToPath(new URL("./", import.meta.url));
const specFile = fileURLToPath(new URL("../../spec/openapi.yaml", import.meta.url));
const redoclyBin = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
export const siteIndex = fileURLToPath(new URL("./site/index.html", import.meta.url));

/**
 * Builds the Redoc site as one self-contained HTML file (Redoc inlined: it renders offline), and next to it the same
 * text as Markdown: llms.txt, overview.md, operations/<operationId>.md, openapi.json.
 * @param {{ output?: string, mockUrl?: string, quiet?: boolean }} [options] `mockUrl`: list that mock as the first
 *   server, so the curl samples call it.
 */
export async function buildDocs({ output = siteIndex, mockUrl, quiet = false } = {}) {
  const args = ["build-docs", "--config", "redocly.yaml", specFile, "--inlineBundle", "-o", output];
  const [, spec] = await Promise.all([redocly(args, { mockUrl, quiet }), bundleSpec({ mockUrl })]);
  // Offline-safe logo, Copy buttons and scrolling for the overview's code (see plugins/site-extras.mjs).
  await writeFile(output, withSiteExtras(await readFile(output, "utf8")));
  // The same text as Markdown, with llms.txt as its index (see markdown-pages.mjs).
  await writeMarkdownPages(spec, dirname(output));
  return output;
}

/**
 * The spec after the decorators ran, as the docs site sees it (x-codeSamples, overview, servers).
 * @param {{ mockUrl?: string }} [options]
 */
export async function bundleSpec({ mockUrl } = {}) {
  const stdout = await redocly(["bundle", "--config", "redocly.yaml", specFile, "--ext", "json"], {
    mockUrl,
    quiet: true,
  });
  return JSON.parse(stdout);
}

async function redocly(args, { mockUrl, quiet }) {
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
  if (mockUrl) env[MOCK_URL_ENV] = mockUrl;
  else delete env[MOCK_URL_ENV];
  const child = spawn(process.execPath, [redoclyBin, ...args], {
    cwd: docsDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (!quiet) process.stderr.write(chunk);
  });
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`redocly ${args[0]} failed (exit ${code}):\n${stderr}`);
  return stdout;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildDocs();
}
