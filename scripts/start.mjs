// `pnpm start`, the main job: the Prism mock on :4010 and the built Redoc site on :8080, side by side.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism } from "../spec/prism.mjs";

const siteDir = fileURLToPath(new URL("../spec/site/", import.meta.url));
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

const prism = await startPrism({ port: mockPort });

const docs = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname)).replace(
    /^(\.\.[/\\])+/,
    "",
  );
  let file = join(siteDir, path);
  if (!file.startsWith(siteDir)) file = join(siteDir, "index.html");
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) file = join(file, "index.html");
  const found = await stat(file).catch(() => undefined);
  if (!found) {
    response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    return;
  }
  response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(response);
});
await new Promise((resolve) => docs.listen(docsPort, "127.0.0.1", resolve));

console.log(`\nPlanky API mock (Prism): ${prism.url}`);
console.log(`Planky API docs (Redoc):  http://127.0.0.1:${docsPort}/`);
console.log("Ctrl+C stops both.\n");

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    docs.close();
    await prism.stop();
    process.exit(0);
  });
}
