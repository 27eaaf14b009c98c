/**
 * Every snippet as a reader copies it, run twice in a project of their own. The snippets come from where readers copy
 * them: the built site (the Copy button copies an operation sample's `source` and an overview block's text, both in
 * the site's openapi.json, the bundle the HTML is built from) and the READMEs. The project is what the READMEs tell a
 * newcomer to make: `npm init -y`, `"type": "module"`, and the `npm install <tarballs>` line `pnpm pack:packages`
 * prints (the packages are not on npm yet). Each snippet is saved as it was copied and run with tsx, as the READMEs
 * say, against the project's own `planky-mock serve` on a free port (only PLANKY_BASE_URL points it there, the way
 * its visible `baseUrl` line reads it): the stateful sandbox for the journeys, `--static` (the spec's examples) for
 * the per-operation samples, which use the spec's example ids. Twice, because a reader runs a snippet again.
 * Browser snippets (the webflow client) run in Node with what their page would give them (page.mjs below): a
 * `location`, `sessionStorage`, and page-relative URLs resolved against the page's server, which is the overview's
 * customer-token route, copied and running. Their `baseUrl` is the sandbox's URL as a literal (a browser has no
 * `process.env`): only that literal is pointed at the mock.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../mock/src/prism-launcher.mjs";
import { buildDocs } from "../build-site.mjs";

const exec = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const tsx = createRequire(import.meta.url).resolve("tsx/cli");

interface Snippet {
  name: string;
  source: string;
  browser: boolean;
  /** Where it runs: the stateful sandbox, or the static mock of the spec's examples (per-operation samples). */
  against: "sandbox" | "static";
}

/** Snippets not run here, and why (each still type-checked and run against Prism by samples.test.ts). */
const NOT_RUN: Record<string, string> = {
  "overview: guides/customer-token-route": "an HTTP server: it runs as the browser snippets' page server instead",
  "overview: guides/webhook-receiver": "an HTTP server: it listens until stopped",
};
const PRINTED_BASE_URL = '"http://127.0.0.1:4010"';
/** What a browser gives a front-end snippet, in Node: loaded with --import before it. */
const PAGE_SHIM = `const page = new URL(process.env.PAGE_URL);
globalThis.location = page;
const session = new Map(Object.entries(JSON.parse(process.env.PAGE_SESSION ?? "{}")));
globalThis.sessionStorage = {
  getItem: (key) => session.get(key) ?? null,
  setItem: (key, value) => void session.set(key, String(value)),
  removeItem: (key) => void session.delete(key),
};
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) =>
  realFetch(typeof input === "string" && input.startsWith("/") ? new URL(input, page) : input, init);
`;
/** The page the bank sends the customer back to (bank-return), with the state kept before leaving. */
const RETURN_QUERY = "status=Success&customer_id=1234&consent_id=c-1&state=8d3f2a&bank_slug=barclays";
let pageServer: { url: string; child: ChildProcess } | undefined;

let tmp: string;
let project: string;
const mocks: { sandbox?: Mock; static?: Mock } = {};
let snippets: Snippet[] = [];

interface Mock {
  url: string;
  child: ChildProcess;
}

/** An environment without what the outer pnpm/turbo exported (npm_config_*), so npm behaves as in a terminal. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm_|pnpm_|turbo_)/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

async function startMock(extraArgs: string[]): Promise<Mock> {
  const port = await freePort();
  const child = spawn(
    join(project, "node_modules", ".bin", "planky-mock"),
    ["serve", "--port", String(port), ...extraArgs],
    {
      cwd: project,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.once("exit", (code) => reject(new Error(`planky-mock serve exited ${code}:\n${output}`)));
  });
  return { url, child };
}

/** The ```lang blocks of a markdown text, in order. */
function codeBlocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``, "g"))].map((m) => m[1] ?? "");
}

/** The first ```ts block after `marker` in a README. */
async function readmeSnippet(readme: string, marker: string): Promise<string> {
  const text = await readFile(join(repoRoot, readme), "utf8");
  const at = text.indexOf(marker);
  if (at === -1) throw new Error(`${readme} has no "${marker}"`);
  const [block] = codeBlocks(text.slice(at), "ts");
  if (!block) throw new Error(`${readme}: no \`\`\`ts block after "${marker}"`);
  return block;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "planky-copied-"));
  project = join(tmp, "project");
  await mkdir(project);
  // The site as `pnpm build` builds it, and the tarballs as `pnpm pack:packages` makes them (the builds are this
  // task's turbo dependencies, hence --no-build).
  const [, packed] = await Promise.all([
    buildDocs({ output: join(tmp, "site", "index.html"), quiet: true }),
    exec(process.execPath, [join(repoRoot, "scripts", "pack-packages.mjs"), join(tmp, "packed"), "--no-build"], {
      cwd: repoRoot,
      env: cleanEnv(),
    }),
  ]);
  const installLine = /^\s*(npm install .+\.tgz)\s*$/m.exec(packed.stdout)?.[1];
  if (!installLine) throw new Error(`pack:packages printed no npm install line:\n${packed.stdout}`);
  // The project a newcomer makes, as the READMEs say: npm's defaults, ES modules, the printed install line.
  await exec("npm", ["init", "-y"], { cwd: project, env: cleanEnv() });
  await exec("npm", ["pkg", "set", "type=module"], { cwd: project, env: cleanEnv() });
  const [npm, ...installArgs] = installLine.split(/\s+/);
  await exec(npm as string, [...installArgs, "--no-audit", "--no-fund"], {
    cwd: project,
    env: cleanEnv(),
    timeout: 240_000,
  });
  [mocks.sandbox, mocks.static] = await Promise.all([startMock([]), startMock(["--static"])]);

  const site = JSON.parse(await readFile(join(tmp, "site", "openapi.json"), "utf8"));
  const overview = codeBlocks(site.info.description, "typescript").map((source) => ({
    name: `overview: ${overviewName(source)}`,
    source,
    browser: isBrowser(source),
    against: isBrowser(source) ? ("static" as const) : ("sandbox" as const),
  }));
  const operations = Object.values(site.paths as Record<string, Record<string, Operation>>).flatMap((item) =>
    Object.values(item)
      .filter((op): op is Operation => typeof op === "object" && op !== null && "operationId" in op)
      .map((op) => {
        const source = op["x-codeSamples"]?.find((sample) => sample.lang === "TypeScript")?.source ?? "";
        return { name: `operation: ${op.operationId}`, source, browser: isBrowser(source), against: "static" as const };
      }),
  );
  const readmes = [
    { name: "README: Using the client", source: await readmeSnippet("README.md", "## Using the client") },
    { name: "client README: first snippet", source: await readmeSnippet("packages/client/README.md", "```sh") },
  ].map((snippet) => ({ ...snippet, browser: false, against: "sandbox" as const }));
  snippets = [...overview, ...operations, ...readmes];

  // The browser snippets' page server: the overview's customer-token route as copied, on the static mock.
  await writeFile(join(project, "page.mjs"), PAGE_SHIM);
  const route = overview.find((snippet) => snippet.name === "overview: guides/customer-token-route");
  if (!route) throw new Error("the overview has no customer-token route");
  const routeFile = join(project, "customer-token-route.ts");
  await writeFile(routeFile, route.source);
  const port = await freePort();
  const child = spawn(process.execPath, [tsx, routeFile], {
    cwd: project,
    env: cleanEnv({ ...credentials(mocks.static?.url ?? ""), PORT: String(port) }),
    stdio: "ignore",
  });
  pageServer = { url: `http://127.0.0.1:${port}`, child };
  // Up once it answers (its route, or 404 for anything else); a copy that exits instead fails here.
  const deadline = Date.now() + 60_000;
  while (
    (await fetch(`${pageServer.url}/`).then(
      (r) => r.status,
      () => 0,
    )) !== 404
  ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("the customer-token route did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 420_000);

afterAll(async () => {
  for (const mock of [pageServer, mocks.sandbox, mocks.static]) {
    if (!mock || mock.child.exitCode !== null) continue;
    mock.child.kill("SIGINT");
    await once(mock.child, "exit");
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

interface Operation {
  operationId: string;
  "x-codeSamples"?: { lang: string; source: string }[];
}

const isBrowser = (source: string) => source.includes('from "@planky-kit/client/webflow"');

/** What every snippet reads from the environment: the base URL its visible line reads, and any credentials. */
function credentials(baseUrl: string): Record<string, string> {
  return { PLANKY_BASE_URL: baseUrl, PLANKY_CLIENT_ID: "any", PLANKY_CLIENT_SECRET: "any" };
}

/** Which tested file an overview block is, by a line only it has (for readable test names). */
function overviewName(source: string): string {
  const known: [RegExp, string][] = [
    [/The journey to the data, server side/, "guides/journey-to-the-data"],
    [/invitation created:/, "guides/end-to-end"],
    [
      /api\/planky-token" \|\| request.method|customers\.createToken\(\{ customerId \}\)/,
      "guides/customer-token-route",
    ],
    [/parseWebhook/, "guides/webhook-receiver"],
    [/responseValidator/, "guides/validate-responses"],
    [/parseBankRedirect/, "guides/bank-return"],
    [/createBankFlowUrl|createWebflowClient/, "guides/front-end"],
    [/allowedRedirectUrls\.create/, "createAllowedRedirectUrl"],
  ];
  return known.find(([pattern]) => pattern.test(source))?.[1] ?? source.split("\n")[0] ?? "";
}

/** Saves the snippet as copied into the project and runs it with tsx; its exit code and output. */
async function runAsCopied(snippet: Snippet, round: number): Promise<{ code: number; output: string }> {
  const file = join(project, `${snippet.name.replace(/[^\w]+/g, "-")}-${round}.ts`);
  const mockUrl = (snippet.against === "sandbox" ? mocks.sandbox : mocks.static)?.url ?? "";
  let env = cleanEnv(credentials(mockUrl));
  if (snippet.browser) {
    if (!snippet.source.includes(`baseUrl: ${PRINTED_BASE_URL}`))
      throw new Error(`${snippet.name}: no sandbox baseUrl`);
    await writeFile(
      file,
      snippet.source.replace(`baseUrl: ${PRINTED_BASE_URL}`, `baseUrl: ${JSON.stringify(mockUrl)}`),
    );
    env = cleanEnv({
      NODE_OPTIONS: `--import=${join(project, "page.mjs")}`,
      PAGE_URL: `${pageServer?.url}/return?${RETURN_QUERY}`,
      PAGE_SESSION: JSON.stringify({ "planky-state": "8d3f2a" }),
    });
  } else {
    await writeFile(file, snippet.source);
  }
  return exec(process.execPath, [tsx, file], { cwd: project, env, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === "number" ? error.code : 1,
      output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
    }),
  );
}

describe("every snippet, copied as the Copy button or a README gives it, runs twice in a fresh project", () => {
  test("the snippets were found: the overview's, one per operation, the READMEs'", () => {
    expect(snippets.filter((s) => s.name.startsWith("overview:")).length).toBeGreaterThanOrEqual(6);
    expect(snippets.filter((s) => s.name.startsWith("operation:")).length).toBeGreaterThanOrEqual(19);
    for (const snippet of snippets) expect(snippet.source, snippet.name).toContain('from "@planky-kit/client');
  });

  test("each one (but the long-running servers) exits 0 on its first and second run", async () => {
    const failures: string[] = [];
    const runnable = snippets.filter((snippet) => !(snippet.name in NOT_RUN));
    expect(runnable.length).toBe(snippets.length - Object.keys(NOT_RUN).length);
    // Three at a time: each run is its own Node process (a small machine).
    const queue = [...runnable];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let snippet = queue.shift(); snippet; snippet = queue.shift()) {
          for (const round of [1, 2]) {
            const { code, output } = await runAsCopied(snippet, round);
            if (code !== 0) failures.push(`${snippet.name}, run ${round}, exit ${code}:\n${output.slice(0, 1500)}`);
          }
        }
      }),
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
