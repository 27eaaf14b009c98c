/**
 * The front end's own origin: serves page/ with page/app.ts bundled as a front-end build would (esbuild, the client
 * resolved by its package name, so through the published `exports` to the built entry), and the route a real app's
 * server has for handing its signed-in customer a customer token.
 */
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const pageDir = fileURLToPath(new URL("../page/", import.meta.url));

export interface FrontEnd {
  /** The page, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  stop: () => Promise<void>;
}

export interface FrontEndOptions {
  /** Where the page sends its API calls: built into the bundle. */
  apiBaseUrl: string;
  /** What the server does on `POST /customer-token`: create a customer token for the signed-in customer. */
  createCustomerToken: () => Promise<string>;
}

/** Bundles page/app.ts for a browser: minified ESM, with the API's base URL defined at build time. */
export async function bundlePage(apiBaseUrl: string): Promise<string> {
  const result = await build({
    entryPoints: [`${pageDir}app.ts`],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    define: { PLANKY_BASE_URL: JSON.stringify(apiBaseUrl) },
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error("esbuild produced no bundle for page/app.ts");
  return code;
}

export async function startFrontEnd({ apiBaseUrl, createCustomerToken }: FrontEndOptions): Promise<FrontEnd> {
  const [html, script] = await Promise.all([readFile(`${pageDir}index.html`, "utf8"), bundlePage(apiBaseUrl)]);
  const server = createServer((request, response) => {
    const route = `${request.method} ${request.url}`;
    if (route === "GET /") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    } else if (route === "GET /app.js") {
      response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(script);
    } else if (route === "POST /customer-token") {
      createCustomerToken().then(
        (token) => response.writeHead(200, { "content-type": "text/plain" }).end(token),
        // The reason stays in the server: an error may carry a credential's context.
        () => response.writeHead(502).end(),
      );
    } else {
      response.writeHead(404).end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
