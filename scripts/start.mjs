// `pnpm start`, the main job: the sandbox on :4010 (@planky-kit/mock's stateful API behind Prism's validating
// proxy, with its control API under /_sandbox/) and the Redoc site on :8080, side by side. The site is rebuilt here
// with the sandbox as its first server, so every curl sample on it calls the sandbox as shown.
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
// The built package (`pnpm start` builds first), exactly as other teams run it.
import { startSandbox } from "../packages/mock/dist/sandbox.js";
import { buildDocs } from "../spec/docs.mjs";

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
};

const sandbox = await startSandbox({ port: mockPort });
// A temporary copy: spec/site/ keeps the publishable build (production first).
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
await new Promise((resolve) => docs.listen(docsPort, "127.0.0.1", resolve));

// The first line's wording is what packages/docs/test/support/main-job.ts waits for.
console.log(`\nPlanky API mock (Prism): ${sandbox.url}  (the stateful sandbox; every exchange checked by Prism)`);
console.log(`Sandbox control API:      ${sandbox.url}/_sandbox/  (see packages/mock/README.md)`);
console.log(`Planky API docs (Redoc):  http://127.0.0.1:${docsPort}/  (servers list the sandbox first)`);
console.log("Ctrl+C stops both.\n");

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    docs.close();
    await sandbox.stop();
    await rm(siteDir, { recursive: true, force: true });
    process.exit(0);
  });
}
