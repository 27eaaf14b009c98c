/**
 * A real HTTP server on 127.0.0.1 that misbehaves on cue. Each request takes the next step of the plan (the
 * last step repeats) and is logged with its raw request line path and arrival time.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Step = (request: IncomingMessage, response: ServerResponse) => void;

export interface Attempt {
  method: string;
  /** Exactly as it arrived on the request line, before any decoding. */
  rawPath: string;
  authorization: string | undefined;
  at: number;
}

export interface FaultServer {
  url: string;
  log: Attempt[];
  plan(...steps: Step[]): void;
  stop(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const log: Attempt[] = [];
  const sockets = new Set<Socket>();
  let steps: Step[] = [ok({})];

  const server = createServer((request, response) => {
    log.push({
      method: request.method ?? "",
      rawPath: request.url ?? "",
      authorization: request.headers.authorization,
      at: performance.now(),
    });
    const step = steps.length > 1 ? (steps.shift() as Step) : (steps[0] as Step);
    request.resume(); // drain any body
    step(request, response);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    plan(...next) {
      steps = next;
      log.length = 0;
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Delayed steps; `stop()` cancels whatever is still pending so no timer outlives the test. */
const timers = new Set<NodeJS.Timeout>();
function later(ms: number, fn: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    fn();
  }, ms);
  timers.add(timer);
}

/** 200 (or `status`) with a JSON body and a correct Content-Length. */
export function ok(body: unknown, status = 200, headers: Record<string, string> = {}): Step {
  return (_request, response) => {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    response.end(text);
  };
}

/** Sends the status line, headers and the first half of the body, then resets the connection. */
export function resetMidResponse(body: unknown): Step {
  return (_request, response) => {
    const text = JSON.stringify(body);
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    response.write(text.slice(0, text.length / 2), () => later(5, () => response.socket?.resetAndDestroy()));
  };
}

/** Answers only after `ms`: past the client's timeout. */
export function slowHeaders(ms: number, then: Step = ok({})): Step {
  return (request, response) => later(ms, () => then(request, response));
}

/** A complete, well-framed response whose JSON is cut off. */
export function truncatedJson(text: string): Step {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    response.end(text);
  };
}

/** Promises `declared` bytes, sends fewer, closes: the body ends early at the transport level. */
export function shortBody(text: string, declared: number): Step {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": declared });
    response.write(text, () => response.socket?.end());
  };
}
