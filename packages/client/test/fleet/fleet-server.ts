/**
 * The fleet tests' Planky on 127.0.0.1: a token endpoint that counts its requests and issues `token-1`,
 * `token-2`, …, and `GET /public/v3/customers/{customer_id}/banks`, which answers 401 unless the bearer token is
 * one it issued and has not revoked. The test can hold the next token request open (to kill its sender).
 */
import { EventEmitter } from "node:events";
import { createServer, type ServerResponse } from "node:http";

export interface FleetServer {
  baseUrl: string;
  /** Token requests so far. */
  tokenRequests(): number;
  /** API calls so far. */
  apiCalls(): number;
  /** `token-request` (with its number), `api-call` (with the running count). */
  events: EventEmitter;
  /** Every token issued so far answers 401 from now on. */
  revokeAll(): void;
  /** API calls wait (unanswered) until the returned function is called. */
  pauseApi(): () => void;
  /** The next token request gets no answer until its sender goes away. */
  holdNextTokenRequest(): void;
  close(): Promise<void>;
}

export async function startFleetServer(): Promise<FleetServer> {
  const events = new EventEmitter();
  const valid = new Set<string>();
  let issued = 0;
  let calls = 0;
  let hold = false;
  let paused: Promise<void> | undefined;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    request.resume();
    request.on("end", () => {
      if (request.method === "POST" && url.pathname === "/oauth/v2/token") {
        const number = ++issued;
        if (hold) {
          hold = false;
          events.emit("token-request", number);
          return; // never answered: the test kills the process that sent it
        }
        valid.add(`Bearer token-${number}`);
        events.emit("token-request", number);
        return send(response, 200, { access_token: `token-${number}`, token_type: "bearer", expires_in: 3600 });
      }
      if (request.method === "GET" && /^\/public\/v3\/customers\/[^/]+\/banks$/.test(url.pathname)) {
        const answer = () => {
          calls++;
          events.emit("api-call", calls);
          if (!valid.has(request.headers.authorization ?? "")) return send(response, 401, { message: "Unauthorised" });
          send(response, 200, { data: [] });
        };
        return paused ? void paused.then(answer) : answer();
      }
      send(response, 404, { message: "Not found" });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tokenRequests: () => issued,
    apiCalls: () => calls,
    events,
    revokeAll: () => valid.clear(),
    pauseApi: () => {
      let resume = () => {};
      paused = new Promise<void>((resolve) => {
        resume = () => {
          paused = undefined;
          resolve();
        };
      });
      return resume;
    },
    holdNextTokenRequest: () => {
      hold = true;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
