// `pnpm start`, the main job: the sandbox on :4010 (@planky-kit/mock's stateful API behind Prism's validating
// proxy, with its control API under /_sandbox/) and the Redoc site on :8080, side by side. The site is rebuilt here
// with the sandbox as its first server, so every curl sample on it calls the sandbox as shown.
// `--build` (what `pnpm start` passes) first builds the packages with turbo, printing turbo's output only if the
// build fails: a newcomer sees the few lines that matter, the URLs last.
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const mockPort = Number(process.env.MOCK_PORT ?? 4010);
const docsPort = Number(process.env.DOCS_PORT ?? 8080);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".yaml": "text/yaml",
  ".json": "application/json",
  // The site's text as Markdown and its llms.txt index (packages/docs/markdown-pages.mjs).
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

// A busy port is the one failure a newcomer meets (a second `pnpm start`): one line naming it and the variable to
// change, checked before anything is built or started.
for (const [port, variable] of [
  [mockPort, "MOCK_PORT"],
  [docsPort, "DOCS_PORT"],
]) {
  const problem = await portProblem(port);
  if (problem) fail(portMessage(port, variable, problem));
}
// PLANKY_START_SKIP_BUILD=1: the test of `pnpm start` itself, which must not run a nested turbo build.
if (process.argv.includes("--build") && process.env.PLANKY_START_SKIP_BUILD !== "1") await build();

// The built packages (imported only now: `--build` may have just written them), exactly as other teams run them.
const { startSandbox } = await import("../packages/mock/dist/sandbox.js");
const { buildDocs } = await import("../packages/docs/build-site.mjs");

const sandbox = await startSandbox({ port: mockPort }).catch((error) =>
  fail(error?.code === "EADDRINUSE" ? portMessage(mockPort, "MOCK_PORT", "is in use") : error),
);
// A temporary copy: packages/docs/site/ keeps the publishable build (production first).
const siteDir = await mkdtemp(join(tmpdir(), "planky-docs-"));
try {
  await buildDocs({ output: join(siteDir, "index.html"), mockUrl: sandbox.url, quiet: true });
} catch (error) {
  await sandbox.stop();
  await rm(siteDir, { recursive: true, force: true });
  throw error;
}

const docs = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname)).replace(
    /^(\.\.[/\\])+/,
    "",
  );
  let file = join(siteDir, path);
  if (!file.startsWith(siteDir)) file = join(siteDir, "index.html");
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) file = join(file, "index.html");
  // Redoc routes in the browser (/customers, /invitations/...): a reload of such a page gets the app again.
  else if (!info && extname(path) === "") file = join(siteDir, "index.html");
  const found = await stat(file).catch(() => undefined);
  if (!found) {
    response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    return;
  }
  response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => {
  docs.once("error", async (error) => {
    await sandbox.stop().catch(() => undefined);
    fail(error?.code === "EADDRINUSE" ? portMessage(docsPort, "DOCS_PORT", "is in use") : error);
  });
  docs.listen(docsPort, "127.0.0.1", resolve);
});

// The first line's wording is what packages/docs/test/support/main-job.ts waits for.
console.log(`\nPlanky API mock (Prism): ${sandbox.url}  (the stateful sandbox; every exchange checked by Prism)`);
console.log(`Sandbox control API:      ${sandbox.url}/_sandbox/  (see packages/mock/README.md)`);
console.log(`Planky API docs (Redoc):  http://127.0.0.1:${docsPort}/  (servers list the sandbox first)`);
console.log("Ctrl+C stops both.\n");

// Ctrl+C in a terminal signals the whole process group: Prism's processes may already be gone when we stop the
// sandbox, which is fine. Stopping is best effort and the exit code 0 (a stop the user asked for is no failure).
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    docs.close();
    await sandbox.stop().catch(() => undefined);
    await rm(siteDir, { recursive: true, force: true }).catch(() => undefined);
    process.exit(0);
  });
}

/** Why `port` cannot be used on 127.0.0.1 (e.g. "is in use"), or undefined when it is free. */
function portProblem(port) {
  return new Promise((resolve) => {
    const probe = createTcpServer();
    probe.once("error", (error) => resolve(error.code === "EADDRINUSE" ? "is in use" : error.message));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(undefined)));
  });
}

function portMessage(port, variable, problem) {
  return `pnpm start: port ${port} ${problem} (another pnpm start?). Stop that, or choose another port: ${variable}=${port + 1} npx --yes pnpm@10.34.9 start`;
}

/** Prints `problem` (one line for a message of ours; an unexpected error with its stack) and exits 1. */
function fail(problem) {
  console.error(problem);
  process.exit(1);
}

/** `turbo run build`, quiet: its output is shown only when it fails. */
async function build() {
  console.log("Building the packages and the docs site (about a minute the first time)…");
  const turbo = join(root, "node_modules", ".bin", "turbo");
  const child = spawn(turbo, ["run", "build", "--output-logs=errors-only"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise((resolve) => {
    child.once("error", (error) => {
      output += String(error);
      resolve(1);
    });
    child.once("close", resolve);
  });
  if (code !== 0) fail(`${output}\npnpm start: the build failed (turbo exited ${code}); its output is above.`);
}
