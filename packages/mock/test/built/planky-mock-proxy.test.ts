/**
 * `planky-mock proxy` as users run it (`node bin/planky-mock.js proxy` → dist/cli.js): the hardening the source
 * tests check in detail (test/proxy/hardening.test.ts) is in what ships: a malformed escape is a 400 naming the
 * parameter, and a body over the limit a 413 that `fetch` reads; a good request passes.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type BuiltSandbox, exchange, expectFreshBuild, startBuiltCommand } from "./built-bin";

let upstream: Server;
let proxy: BuiltSandbox;
const seen: string[] = [];

beforeAll(async () => {
  expectFreshBuild();
  upstream = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    request.resume();
    request.once("end", () => response.writeHead(200, { "content-type": "application/json" }).end('{"data":[]}'));
  });
  upstream.listen(0, "127.0.0.1");
  await once(upstream, "listening");
  const { port } = upstream.address() as AddressInfo;
  proxy = await startBuiltCommand(
    ["proxy", "--upstream", `http://127.0.0.1:${port}`, "--port", "0"],
    /Validating proxy: (http:\/\/127\.0\.0\.1:\d+)/,
  );
}, 60_000);
afterAll(async () => {
  await proxy?.stop();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

test("a malformed escape is a 400 naming the parameter; the upstream never sees it", async () => {
  const answer = await exchange(proxy.url, { method: "POST", path: "/public/v3/customers/%ZZ/token" }, 5_000);
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body).errors[0]).toMatchObject({ in: "path", field: "customer_id" });
  expect(seen).toEqual([]);
});

test("an 8 MB body is a 413 that fetch reads; a good request then passes through", async () => {
  const refused = await fetch(`${proxy.url}/public/v3/customers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: Buffer.alloc(8_000_000, "x"),
  });
  expect(refused.status).toBe(413);
  expect(seen).toEqual([]);
  const passed = await exchange(proxy.url, { method: "GET", path: "/public/v3/invitations?page=1" }, 5_000);
  expect(passed.status).toBe(200);
  expect(seen).toEqual(["GET /public/v3/invitations?page=1"]);
});
