/**
 * The front end's own origin for a single-page app: every GET of a page path (`/`, `/bank-return?…`) answers the
 * same HTML, `/app.js` the bundle, and `POST /api/planky-token` the customer token its server creates.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface SpaServer {
  /** The origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Sets what the app serves (the bundle is built once the API's origin is known). */
  serve(page: { html: string; script: string }): void;
  stop: () => Promise<void>;
}

export async function startSpaServer(createCustomerToken: () => Promise<string>): Promise<SpaServer> {
  let page = { html: "", script: "" };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method === "POST" && path === "/api/planky-token") {
      createCustomerToken().then(
        (token) => response.writeHead(200, { "content-type": "text/plain" }).end(token),
        () => response.writeHead(502).end(),
      );
    } else if (request.method === "GET" && path === "/app.js") {
      response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(page.script);
    } else if (request.method === "GET" && (path === "/" || path === "/bank-return")) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page.html);
    } else {
      response.writeHead(404).end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    serve(next) {
      page = next;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
