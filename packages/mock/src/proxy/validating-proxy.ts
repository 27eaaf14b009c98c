/**
 * A validating proxy for staging: forwards every request to the real API unchanged, checks every answer against
 * the spec with the conformance run's check, logs each violation as one line, and lists them at
 * `GET /_proxy/violations`. The answer goes back byte for byte (status, headers, body, compression), unless `strict`:
 * then an answer that breaks the spec becomes a 502 naming the violations.
 *
 * Not Prism's proxy mode: Prism re-serializes the body it forwards and adds CORS headers (so the traffic would not
 * pass unchanged), and its checks differ from the ones the conformance run and the client make.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { checkAnswer, findOperation, formatViolation, type Violation } from "../conformance/response-check";
import { close, listen, readBody } from "../sandbox/node-http";

export interface ProxyOptions {
  /** The API to forward to, e.g. `https://api.friendlyscore.com`. */
  upstream: string;
  host?: string;
  /** Default: a free port. */
  port?: number;
  /** Answer a violating exchange with a 502 instead of passing it through. */
  strict?: boolean;
  /** Where violation lines go. Default: stderr. */
  log?: (line: string) => void;
}

export interface RecordedViolation extends Violation {
  /** ISO time the answer was seen. */
  at: string;
  method: string;
  /** The spec's path template (`/public/v3/customers/{customer_id}/banks`): ids in the real path are data. */
  path: string;
}

export interface RunningProxy {
  url: string;
  /** Every violation seen so far, oldest first. */
  readonly violations: readonly RecordedViolation[];
  stop(): Promise<void>;
}

/** How many violations `GET /_proxy/violations` keeps: a long-running proxy must not grow without bound. */
const MAX_KEPT = 1000;
// Hop-by-hop headers (RFC 9110 section 7.6.1) belong to one connection and are not forwarded.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);

export async function startValidatingProxy(options: ProxyOptions): Promise<RunningProxy> {
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== "http:" && upstream.protocol !== "https:") {
    throw new Error(`--upstream must be an http(s) URL, got "${options.upstream}"`);
  }
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const violations: RecordedViolation[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch(() => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "application/json" });
      outgoing.end(JSON.stringify({ title: "The validating proxy could not reach the upstream API" }));
    });
  });

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? "/", "http://proxy.invalid");
    if (url.pathname === "/_proxy/violations" && incoming.method === "GET") {
      outgoing.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: violations }));
      return;
    }
    const body = await readBody(incoming);
    const answer = await forward(upstream, incoming, body);
    const operation = findOperation(incoming.method ?? "GET", url.pathname);
    const found = operation
      ? checkAnswer(operation, {
          status: answer.status,
          headers: toHeaders(answer.headers),
          body: decoded(answer.body, answer.headers["content-encoding"]),
        })
      : [];
    for (const violation of found) {
      const recorded = {
        ...violation,
        at: new Date().toISOString(),
        method: incoming.method ?? "GET",
        path: operation?.path ?? "",
      };
      violations.push(recorded);
      if (violations.length > MAX_KEPT) violations.shift();
      log(`planky-mock proxy: ${formatViolation(violation)}`);
    }
    if (options.strict && found.length > 0) {
      const problem = {
        title: "The upstream answer breaks the spec (planky-mock proxy --strict)",
        status: 502,
        violations: found.map(({ operationId, status, where, message }) => ({ operationId, status, where, message })),
      };
      outgoing.writeHead(502, { "content-type": "application/problem+json" }).end(JSON.stringify(problem));
      return;
    }
    outgoing.writeHead(answer.status, answer.headers).end(answer.body);
  }

  await listen(server, options.host ?? "127.0.0.1", options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    violations,
    stop: () => close(server),
  };
}

interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** node:http rather than fetch: fetch would decompress the body, and the client must get the bytes as sent. */
function forward(upstream: URL, incoming: IncomingMessage, body: Buffer): Promise<UpstreamAnswer> {
  const target = new URL(incoming.url ?? "/", upstream);
  target.pathname = upstream.pathname.replace(/\/+$/, "") + new URL(incoming.url ?? "/", "http://x").pathname;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && name !== "host") headers[name] = value;
  }
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target, { method: incoming.method, headers }, (response) => {
      readBody(response).then((bytes) => {
        const kept: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
        }
        resolve({ status: response.statusCode ?? 502, headers: kept, body: bytes });
      }, reject);
    });
    request.on("error", reject);
    request.end(body.length > 0 ? body : undefined);
  });
}

function toHeaders(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** The body as text for the check only; what the client receives stays compressed. */
function decoded(body: Buffer, encoding: string | string[] | undefined): string {
  try {
    if (encoding === "gzip") return gunzipSync(body).toString("utf8");
    if (encoding === "br") return brotliDecompressSync(body).toString("utf8");
    if (encoding === "deflate") return inflateSync(body).toString("utf8");
  } catch {
    return "\u0000"; // undecodable: reported as not JSON
  }
  return body.toString("utf8");
}
