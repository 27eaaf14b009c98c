/**
 * The one reverse-proxy hop of this package, used by the sandbox's front (→ Prism) and by `planky-mock proxy`
 * (→ the real API): sends a request whose body was already read (within the limit), without hop-by-hop headers,
 * gives up after `timeoutMs` of silence on the upstream's socket (connecting, waiting for the answer, reading it),
 * and cancels the upstream request when the client goes away, so no socket stays open on either side.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";

// Hop-by-hop headers (RFC 9110 section 7.6.1) belong to one connection and are not forwarded.
export const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);

/** The upstream stayed silent for `ms`: the caller answers 504 naming it. */
export class UpstreamTimeout extends Error {
  override name = "UpstreamTimeout";
  constructor(readonly ms: number) {
    super(`no answer within ${ms / 1000} s`);
  }
}

export interface ForwardOptions {
  /** How long the upstream may stay silent (connect, answer, each part of the answer's body). */
  timeoutMs: number;
  /** The client's response: when it closes before the answer is complete, the upstream request is destroyed. */
  client: ServerResponse;
  /** Send the client's `Host` (the sandbox's Prism) instead of the target's (a real API behind a proxy). */
  keepHost?: boolean;
}

/**
 * `incoming`'s method and headers, with `body`, sent to `origin` (http or https) at `path`: the request target as
 * the client sent it (not re-parsed as a URL, which would resolve `..` and re-encode characters).
 */
export function forwardRequest(
  { origin, path }: { origin: URL; path: string },
  incoming: IncomingMessage,
  body: Buffer,
  { timeoutMs, client, keepHost = false }: ForwardOptions,
): Promise<IncomingMessage> {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === "content-length") continue;
    if (name === "host" && !keepHost) continue;
    headers[name] = value;
  }
  // The body goes on whole, with its length (a chunked request arrives here already read).
  const hasBody = body.length > 0 || incoming.headers["content-length"] !== undefined;
  if (hasBody) headers["content-length"] = String(body.length);
  const send = origin.protocol === "https:" ? httpsRequest : httpRequest;
  const where = { protocol: origin.protocol, hostname: origin.hostname, port: origin.port, path };
  return new Promise((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const request = send({ ...where, method: incoming.method, headers, timeout: timeoutMs }, (received) => {
      answer = received;
      resolve(received);
    });
    request.once("timeout", () => {
      const timeout = new UpstreamTimeout(timeoutMs);
      // Silent in the middle of its answer: whoever reads the answer gets the timeout as its error.
      answer?.destroy(timeout);
      request.destroy(timeout);
    });
    request.once("error", reject);
    // A client that goes away must not leave a socket open to the upstream.
    client.once("close", () => {
      if (!client.writableFinished) request.destroy();
    });
    request.end(hasBody ? body : undefined);
  });
}
