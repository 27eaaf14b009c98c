/** Between node:http and fetch's Request/Response, so the sandbox's handlers are plain functions of a Request. */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type FetchHandler = (request: Request) => Promise<Response>;

export async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(incoming));
  return new Request(new URL(incoming.url ?? "/", origin), { method, headers, body });
}

export async function sendResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  outgoing.writeHead(response.status, { ...headers, "content-length": String(body.length) }).end(body);
}

/** Serves `handler` on 127.0.0.1 (a free port unless given); an exception answers a plain 500 and is logged. */
export async function serveFetchHandler(
  handler: FetchHandler,
  { host = "127.0.0.1", port = 0 }: { host?: string; port?: number } = {},
): Promise<{ server: Server; url: string }> {
  const server = createServer(async (incoming, outgoing) => {
    try {
      const { port: ownPort } = server.address() as AddressInfo;
      await sendResponse(await handler(await toRequest(incoming, `http://${host}:${ownPort}`)), outgoing);
    } catch (error) {
      console.error("planky sandbox: unexpected error", error);
      if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "application/json" });
      outgoing.end(JSON.stringify({ message: "The sandbox failed unexpectedly; see its console" }));
    }
  });
  await listen(server, host, port);
  return { server, url: `http://${host}:${(server.address() as AddressInfo).port}` };
}

export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
