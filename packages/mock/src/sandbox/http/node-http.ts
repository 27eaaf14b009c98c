/** Between node:http and fetch's Request/Response, so the sandbox's handlers are plain functions of a Request. */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * How long the stateful API may take to answer Prism; past it Prism gets a 500 naming the delay, so no request
 * waits forever at that hop (the front gives Prism longer: `PRISM_ANSWER_TIMEOUT_MS`).
 */
export const API_ANSWER_TIMEOUT_MS = 20_000;

export async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // No encoding is ever set on these streams, so every chunk is a Buffer.
  for await (const chunk of incoming) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** `body`: when the caller has already read it (the front reads every body once, with a size limit). */
export async function toRequest(incoming: IncomingMessage, origin: string, body?: Buffer): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? "GET";
  const bytes = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(body ?? (await readBody(incoming)));
  return new Request(new URL(incoming.url ?? "/", origin), { method, headers, body: bytes });
}

/** `extra` headers (CORS, `connection: close`) are added to the response's own. */
export async function sendResponse(
  response: Response,
  outgoing: ServerResponse,
  extra: Record<string, string> = {},
): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = { ...extra };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  outgoing.writeHead(response.status, { ...headers, "content-length": String(body.length) }).end(body);
}

/**
 * How much of a refused (too large) body is read and discarded before the connection is closed: past the answer, a
 * client such as `fetch` is still sending, and closing at once would make it fail with EPIPE instead of reading it.
 */
export const DRAIN_LIMIT_BYTES = 128 * 1024 * 1024;

/**
 * Sends `response` at once, then reads and discards the rest of the request body (never kept), and closes the
 * connection only once the client has sent it all: so a client still sending a refused body receives the answer
 * (a 413) instead of a reset. A body beyond `limit` bytes is cut off by closing the connection.
 */
export async function answerThenDrain(
  response: Response,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  extra: Record<string, string> = {},
  limit = DRAIN_LIMIT_BYTES,
): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = { ...extra, connection: "close" };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // The whole answer goes out now (its length tells the client it is complete); ending the response would close
  // the socket, so that waits for the request's end.
  outgoing.writeHead(response.status, { ...headers, "content-length": String(body.length) });
  outgoing.write(body);
  if (incoming.complete) {
    outgoing.end();
    return;
  }
  let discarded = 0;
  incoming.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) outgoing.destroy();
  });
  incoming.once("end", () => outgoing.end());
  incoming.once("close", () => {
    if (!outgoing.writableEnded) outgoing.destroy();
  });
  incoming.resume();
}

/**
 * Serves `handler` on 127.0.0.1 (a free port unless given); an exception answers a plain 500 and is logged, and so
 * does an answer that takes longer than `answerTimeoutMs` (default `API_ANSWER_TIMEOUT_MS`).
 */
export async function serveFetchHandler(
  handler: FetchHandler,
  {
    host = "127.0.0.1",
    port = 0,
    answerTimeoutMs = API_ANSWER_TIMEOUT_MS,
  }: { host?: string; port?: number; answerTimeoutMs?: number } = {},
): Promise<{ server: Server; url: string }> {
  const server = createServer(async (incoming, outgoing) => {
    try {
      const request = await toRequest(incoming, `http://${host}:${portOf(server)}`);
      await sendResponse(await withinTimeout(handler(request), answerTimeoutMs), outgoing);
    } catch (error) {
      console.error("planky sandbox: unexpected error", error);
      if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "application/json" });
      outgoing.end(JSON.stringify({ message: "The sandbox failed unexpectedly; see its console" }));
    }
  });
  await listen(server, host, port);
  return { server, url: `http://${host}:${portOf(server)}` };
}

/** The port a listening TCP server is bound to. */
export function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("The server is not listening on a TCP port");
  return address.port;
}

function withinTimeout(answer: Promise<Response>, ms: number): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Response>((resolve) => {
    timer = setTimeout(() => {
      const message = `The sandbox API did not answer within ${ms / 1000} s`;
      resolve(
        new Response(JSON.stringify({ message }), { status: 500, headers: { "content-type": "application/json" } }),
      );
    }, ms);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

/** A client must send its headers within this, and its whole request within `CLIENT_REQUEST_TIMEOUT_MS`. */
export const CLIENT_HEADERS_TIMEOUT_MS = 30_000;
export const CLIENT_REQUEST_TIMEOUT_MS = 60_000;

/** The client → server hop's timeouts, for every server that takes requests from outside (front, proxy). */
export function limitClientTime(server: Server): void {
  server.headersTimeout = CLIENT_HEADERS_TIMEOUT_MS;
  server.requestTimeout = CLIENT_REQUEST_TIMEOUT_MS;
  answerParserErrorsReadably(server);
}

/** How long a connection whose request Node's parser refused may keep sending before it is closed. */
const REFUSED_DISCARD_MS = 5_000;

/**
 * Requests Node's HTTP parser refuses (headers over 16 KiB: 431; malformed: 400) are answered the way the sandbox
 * answers a body that is too large: the answer first, then what the client still sends is read and discarded until
 * it stops (or `REFUSED_DISCARD_MS`), so the client reads the status instead of a connection reset (Node's default
 * closes at once, and a client still sending 64 KiB of headers got ECONNRESET).
 */
export function answerParserErrorsReadably(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const body = JSON.stringify({ message: `${STATUS_CODES[status]}: the request could not be read as HTTP` });
    socket.removeAllListeners("data");
    socket.on("data", () => {});
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    setTimeout(() => socket.destroy(), REFUSED_DISCARD_MS).unref();
  });
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
