/**
 * CORS for a front end on another local origin (a dev server on :5173) calling the webflow endpoints with
 * `AppUserToken`: preflights are answered on every path, the control API's included, and every answer carries the
 * headers, the sandbox's own 400s and 413s included, so the browser can read the error's body (review defect 8).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_BODY_BYTES } from "../../src/sandbox/front/request-guard";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/start";
import { type RawAnswer, rawRequest } from "./support";

const origin = "http://localhost:5173";
let sandbox: RunningSandbox;
let bearer: string;
let appUser: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  const token = await rawRequest(sandbox.url, "POST", "/oauth/v2/token", {
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: "id", client_secret: "s", grant_type: "client_credentials" }),
  });
  bearer = `Bearer ${JSON.parse(token.body).access_token}`;
  const customer = await rawRequest(sandbox.url, "POST", "/public/v3/customers", {
    headers: { "content-type": "application/json", authorization: bearer },
    body: JSON.stringify({ user_reference: "spa-user" }),
  });
  const id = JSON.parse(customer.body).id;
  const customerToken = await rawRequest(sandbox.url, "POST", `/public/v3/customers/${id}/token`, {
    headers: { authorization: bearer },
  });
  appUser = `AppUserToken ${JSON.parse(customerToken.body).token}`;
}, 180_000);
afterAll(() => sandbox?.stop());

function expectCors(answer: RawAnswer) {
  expect(answer.headers["access-control-allow-origin"]).toBe(origin);
  expect(answer.headers["access-control-allow-credentials"]).toBe("true");
}

describe("preflight", () => {
  test.each([
    ["GET", "/public/v3/webflow/banks/barclays/consent/status"],
    ["POST", "/public/v3/webflow/banks/barclays/redirect"],
    ["DELETE", "/public/v3/webflow/banks/barclays/consent/delete"],
    ["POST", "/_sandbox/consents"],
    ["POST", "/_sandbox/reset"],
    ["GET", "/_sandbox/health"],
  ])("OPTIONS for %s %s allows the method and the requested headers", async (method, path) => {
    const answer = await rawRequest(sandbox.url, "OPTIONS", path, {
      headers: {
        origin,
        "access-control-request-method": method,
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(answer.status).toBe(204);
    expectCors(answer);
    expect(answer.headers["access-control-allow-methods"]).toContain(method);
    expect(answer.headers["access-control-allow-headers"]).toBe("authorization, content-type");
  });
});

describe("answers carry the headers", () => {
  test("a webflow call with AppUserToken (through Prism)", async () => {
    const answer = await rawRequest(sandbox.url, "GET", "/public/v3/webflow/banks", {
      headers: { origin, authorization: appUser },
    });
    expect(answer.status).toBe(200);
    expectCors(answer);
  });

  test("Prism's refusal turned into the spec's 400, with sl-violations readable by the page", async () => {
    const answer = await rawRequest(sandbox.url, "POST", "/public/v3/webflow/banks/barclays/redirect", {
      headers: { origin, authorization: appUser },
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors[0]).toMatchObject({ in: "query", field: "url" });
    expectCors(answer);
    expect(answer.headers["access-control-expose-headers"]).toContain("sl-violations");
  });

  test("the front's own 400 (bad JSON), 405 and 413", async () => {
    const badJson = await rawRequest(sandbox.url, "POST", "/public/v3/webflow/banks/barclays/consent", {
      headers: { origin, authorization: appUser, "content-type": "application/json" },
      body: "{",
    });
    expect(badJson.status).toBe(400);
    expectCors(badJson);
    const trace = await rawRequest(sandbox.url, "TRACE", "/public/v3/webflow/banks", { headers: { origin } });
    expect(trace.status).toBe(405);
    expectCors(trace);
    const tooBig = await rawRequest(sandbox.url, "POST", "/_sandbox/consents", {
      headers: { origin, "content-type": "application/json" },
      body: `"${"x".repeat(MAX_BODY_BYTES)}"`,
    });
    expect(tooBig.status).toBe(413);
    expectCors(tooBig);
  });

  test("the control API: a 200, a 400 and a 404", async () => {
    for (const [method, path, body, status] of [
      ["GET", "/_sandbox/webhooks/deliveries", undefined, 200],
      ["POST", "/_sandbox/consents", "{}", 400],
      ["GET", "/_sandbox/nothing-here", undefined, 404],
      ["GET", "/_sandbox/health", undefined, 200],
    ] as const) {
      const answer = await rawRequest(sandbox.url, method, path, { headers: { origin }, ...(body ? { body } : {}) });
      expect({ path, status: answer.status }).toEqual({ path, status });
      expectCors(answer);
    }
  });

  test("without an Origin (curl, server code) the answer allows any origin", async () => {
    const answer = await rawRequest(sandbox.url, "GET", "/_sandbox/webhooks/deliveries");
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
  });
});
