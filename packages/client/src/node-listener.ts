/**
 * `toNodeListener()`: runs a `(request: Request) => Promise<Response>` handler (e.g. `createWebhookHandler()`) as a
 * node:http or Express listener: `http.createServer(toNodeListener(handler))`,
 * `app.post("/webhooks/planky/:secret", toNodeListener(handler))`. No node module is imported: the request and the
 * response are used through the few members below, so the main entry stays platform-neutral.
 */

/** The members of node's `IncomingMessage` used here (plus `body`, set by Express' body parsers). */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Express: `express.raw()` gives bytes, `express.text()` a string, `express.json()` the parsed value. */
  body?: unknown;
}

/** The members of node's `ServerResponse` used here. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: Uint8Array): unknown;
}

export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: NodeRequestLike, res: NodeResponseLike) => Promise<void> {
  // Never rejects: node:http ignores a listener's promise, and an unhandled rejection would end the process.
  return async (req, res) => {
    try {
      const response = await handler(toRequest(req));
      const body = new Uint8Array(await response.arrayBuffer());
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        res.setHeader(name, value);
      });
      res.end(body);
    } catch {
      try {
        res.statusCode = 500;
        res.end(new TextEncoder().encode("Internal Server Error"));
      } catch {
        // The connection is gone; there is no one left to answer.
      }
    }
  };
}

function toRequest(req: NodeRequestLike): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", `http://${headers.get("host") ?? "localhost"}`);
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  const parsed = req.body;
  let body: BodyInit;
  if (parsed === undefined) {
    // Not read by a body parser: stream it, so the handler's size limit stops reading early.
    const chunks = req[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
      },
      async cancel() {
        await chunks.return?.();
      },
    });
  } else if (typeof parsed === "string") {
    body = parsed;
  } else if (parsed instanceof Uint8Array) {
    body = new Uint8Array(parsed);
  } else {
    body = JSON.stringify(parsed);
  }
  headers.delete("content-length"); // the body may have been re-encoded
  return new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
}
