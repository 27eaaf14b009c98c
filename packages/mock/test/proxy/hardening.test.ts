/**
 * `planky-mock proxy` hardened like the sandbox's front (issue 29 item 5), with the same forwarding hop: a malformed
 * escape is a 400 naming the parameter and a body over the limit a 413 the client reads (neither reaches the
 * upstream), a silent upstream is a 504 after the timeout, an upstream answer over the cap a 502 naming it.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { MAX_ANSWER_BYTES, type RunningProxy, startValidatingProxy } from "../../src/proxy/validating-proxy";
import { rawRequest } from "../sandbox/support";

type Behaviour = (request: IncomingMessage, response: ServerResponse) => void;
let behaviour: Behaviour;
const seen: string[] = [];
let upstream: Server;
let proxy: RunningProxy;

beforeAll(async () => {
  upstream = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    behaviour(request, response);
  });
  upstream.listen(0, "127.0.0.1");
  await once(upstream, "listening");
  const { port } = upstream.address() as AddressInfo;
  proxy = await startValidatingProxy({ upstream: `http://127.0.0.1:${port}`, log: () => {}, upstreamTimeoutMs: 1_000 });
});
afterAll(async () => {
  await proxy?.stop();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});
afterEach(() => {
  seen.length = 0;
});

const answerJson: Behaviour = (request, response) => {
  request.resume();
  request.once("end", () => response.writeHead(200, { "content-type": "application/json" }).end('{"data":[]}'));
};

test("a malformed escape in a path parameter is a 400 naming it, and the upstream never sees it", async () => {
  behaviour = answerJson;
  const answer = await rawRequest(proxy.url, "POST", "/public/v3/customers/%ZZ/token");
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body).errors).toEqual([
    { in: "path", field: "customer_id", problem: 'has a malformed percent-escape in "%ZZ" (send a literal % as %25)' },
  ]);
  expect(seen).toEqual([]);
});

test("a well-formed request passes through, path and query as sent", async () => {
  behaviour = answerJson;
  const answer = await rawRequest(proxy.url, "GET", "/public/v3/invitations?page=2&x=%25ZZ");
  expect(answer.status).toBe(200);
  expect(seen).toEqual(["GET /public/v3/invitations?page=2&x=%25ZZ"]);
});

test.each([8_000_000, 100_000_000])(
  "a %i-byte body is a 413 that fetch reads, and the upstream never sees it",
  async (bytes) => {
    behaviour = answerJson;
    const answer = await fetch(`${proxy.url}/public/v3/customers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(bytes, "x"),
    });
    expect(answer.status).toBe(413);
    expect((await answer.json()).message).toBe(
      "The request body is larger than the validating proxy forwards (1048576 bytes)",
    );
    expect(seen).toEqual([]);
  },
  60_000,
);

test("an upstream that never answers is a 504 naming the timeout", async () => {
  behaviour = () => {};
  const answer = await rawRequest(proxy.url, "GET", "/public/v3/invitations");
  expect(answer.status).toBe(504);
  expect(JSON.parse(answer.body)).toEqual({ title: "The upstream API did not answer within 1 s", status: 504 });
});

test("an upstream that stops in the middle of its answer is a 504 too", async () => {
  behaviour = (_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
    response.write('{"data":');
  };
  const answer = await rawRequest(proxy.url, "GET", "/public/v3/invitations");
  expect(answer.status).toBe(504);
});

test("an upstream answer over the cap is a 502 naming it, not buffered whole", async () => {
  behaviour = (_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(Buffer.alloc(MAX_ANSWER_BYTES + 1, " "));
  };
  const answer = await rawRequest(proxy.url, "GET", "/public/v3/invitations");
  expect(answer.status).toBe(502);
  expect(JSON.parse(answer.body).title).toBe(
    `The upstream answer is larger than the validating proxy checks (${MAX_ANSWER_BYTES} bytes)`,
  );
});
