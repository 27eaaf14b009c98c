/**
 * A validating proxy for staging: forwards every request to the real API unchanged, checks every answer against
 * the spec with the conformance run's check, logs each violation as one line, and lists them at
 * `GET /_proxy/violations`. The answer goes back byte for byte (status, headers, body, compression), unless `strict`:
 * then an answer that breaks the spec becomes a 502 naming the violations.
 *
 * Not Prism's proxy mode: Prism re-serializes the body it forwards and adds CORS headers (so the traffic would not
 * pass unchanged), and its checks differ from the ones the conformance run and the client make.
 *
 * Hardened like the sandbox's front, with the same code: a request with a malformed percent-escape in its path is a
 * 400 naming the parameter, a body over `MAX_BODY_BYTES` a 413 (read and discarded, so the client reads it), every
 * hop has a timeout (the client's headers and request, the upstream's silence), and an upstream answer is read up to
 * `MAX_ANSWER_BYTES` only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { checkAnswer, formatViolation, type Violation } from "../conformance/response-check";
import { specOperations } from "../operations";
import { escapeRefusal, MAX_BODY_BYTES, readLimited, tooLarge } from "../sandbox/front/request-guard";
import { forwardRequest, HOP_BY_HOP, UpstreamTimeout } from "../sandbox/http/forward";
import { answerThenDrain, close, limitClientTime, listen, portOf, sendResponse } from "../sandbox/http/node-http";

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
  /** How long the upstream may stay silent; default `UPSTREAM_TIMEOUT_MS` (this package's tests shorten it). */
  upstreamTimeoutMs?: number;
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
/** How long the upstream may stay silent (connecting, answering, sending the answer's body). */
export const UPSTREAM_TIMEOUT_MS = 30_000;
/** The largest upstream answer the proxy reads to check (Planky's pages are a few hundred KB at most). */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

export async function startValidatingProxy(options: ProxyOptions): Promise<RunningProxy> {
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== "http:" && upstream.protocol !== "https:") {
    throw new Error(`--upstream must be an http(s) URL, got "${options.upstream}"`);
  }
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const violations: RecordedViolation[] = [];
  const timeoutMs = options.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS;
  const server: Server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      if (outgoing.destroyed) return; // the client went away: nobody to answer
      if (outgoing.headersSent) {
        outgoing.destroy();
        return;
      }
      const [status, title] =
        error instanceof UpstreamTimeout
          ? [504, `The upstream API did not answer within ${error.ms / 1000} s`]
          : error instanceof AnswerTooLarge
            ? [502, error.message]
            : [502, "The validating proxy could not reach the upstream API"];
      outgoing.writeHead(status, { "content-type": "application/problem+json" }).end(JSON.stringify({ title, status }));
    });
  });
  limitClientTime(server);

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? "/", "http://proxy.invalid");
    if (url.pathname === "/_proxy/violations" && incoming.method === "GET") {
      outgoing.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: violations }));
      return;
    }
    const pathname = (incoming.url ?? "/").split("?")[0] ?? "/";
    // The request's operation, matched once (`operation-match.ts`); one trailing slash is forgiven, as it always was.
    const match = specOperations.match(incoming.method ?? "GET", pathname.replace(/(.)\/$/, "$1"));
    const badEscape = escapeRefusal(pathname, match, { twice: false });
    if (badEscape) {
      await sendResponse(badEscape, outgoing);
      return;
    }
    const body = await readLimited(incoming, MAX_BODY_BYTES);
    if (!body) {
      await answerThenDrain(tooLarge(MAX_BODY_BYTES, "the validating proxy forwards"), incoming, outgoing);
      return;
    }
    const answer = await forward(upstream, incoming, body, { timeoutMs, client: outgoing });
    const operation = match?.route.operation;
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
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${portOf(server)}`,
    violations,
    stop: () => close(server),
  };
}

interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

class AnswerTooLarge extends Error {
  override name = "AnswerTooLarge";
  constructor() {
    super(`The upstream answer is larger than the validating proxy checks (${MAX_ANSWER_BYTES} bytes)`);
  }
}

/**
 * The request to the upstream (its base path first), through the hop the sandbox's front uses; the answer read
 * whole (up to `MAX_ANSWER_BYTES`) to check it. node:http rather than fetch: fetch would decompress the body, and
 * the client must get the bytes as sent.
 */
async function forward(
  upstream: URL,
  incoming: IncomingMessage,
  body: Buffer,
  hop: { timeoutMs: number; client: ServerResponse },
): Promise<UpstreamAnswer> {
  const path = upstream.pathname.replace(/\/+$/, "") + (incoming.url ?? "/");
  const response = await forwardRequest({ origin: upstream, path }, incoming, body, hop);
  const bytes = await readLimited(response, MAX_ANSWER_BYTES);
  if (!bytes) {
    response.destroy();
    throw new AnswerTooLarge();
  }
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return { status: response.statusCode ?? 502, headers: kept, body: bytes };
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
