/**
 * How the MSW handlers check a request against the spec (`checkRequest`), on the spec's own operations:
 * credentials first (401 with the one problem), then path and query parameters (text converted to the schema's
 * type), then the JSON body. Operations made up here only where the spec has no example of a parameter kind
 * (a header parameter, a boolean).
 */
import { describe, expect, test } from "vitest";
import { checkRequest } from "../src/check-request";
import { type MockOperation, operation } from "../src/operations";

const API = "https://api.friendlyscore.com";
const BEARER = { authorization: "Bearer access-token" };
const APP_USER = { authorization: "AppUserToken customer-token" };

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Request(`${API}${path}`, { method: init.method ?? "GET", headers: init.headers, body: init.body });
}

describe("credentials", () => {
  test.each([
    ["no header", undefined],
    ["the scheme alone", "Bearer"],
    ["the scheme and an empty token", "Bearer "],
    ["two words after the scheme", "Bearer a b"],
    ["another scheme", "AppUserToken t"],
    ["text before the scheme", "xBearer t"],
  ])("a Bearer operation with %s is a 401 naming the Authorization header", async (_case, authorization) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const check = await checkRequest(operation("listInvitations"), request("/public/v3/invitations", { headers }), {});
    expect(check).toEqual({
      ok: false,
      status: 401,
      problems: [{ in: "header", field: "authorization", problem: 'must be "Bearer <access token>"' }],
    });
  });

  test("the Bearer scheme's name is case-insensitive, as in HTTP", async () => {
    const headers = { authorization: "bearer access-token" };
    const check = await checkRequest(operation("listInvitations"), request("/public/v3/invitations", { headers }), {});
    expect(check.ok).toBe(true);
  });

  test.each([
    ["a Bearer token", "Bearer t"],
    ["the prefix alone", "AppUserToken"],
    ["the prefix and an empty token", "AppUserToken "],
    ["two words after the prefix", "AppUserToken a b"],
    ["text before the prefix", "xAppUserToken t"],
  ])("a customer-token operation with %s is a 401 naming the expected prefix", async (_case, authorization) => {
    const check = await checkRequest(
      operation("listWebflowBanks"),
      request("/public/v3/webflow/banks", { headers: { authorization } }),
      {},
    );
    expect(check).toEqual({
      ok: false,
      status: 401,
      problems: [{ in: "header", field: "authorization", problem: 'must be "AppUserToken <token>"' }],
    });
  });

  test("a customer token with its prefix passes", async () => {
    const check = await checkRequest(
      operation("listWebflowBanks"),
      request("/public/v3/webflow/banks", { headers: APP_USER }),
      {},
    );
    expect(check).toEqual({ ok: true, body: undefined });
  });

  test("credentials come first: a bad body with no token is a 401, not a 400", async () => {
    const check = await checkRequest(
      operation("createInvitation"),
      request("/public/v3/invitations", { method: "POST", body: "{bad", headers: { "content-type": "text/plain" } }),
      {},
    );
    expect(check).toMatchObject({ ok: false, status: 401 });
  });

  test("the token endpoint needs no credentials", async () => {
    const body = { client_id: "id", client_secret: "secret", grant_type: "client_credentials" };
    const check = await checkRequest(
      operation("createAccessToken"),
      request("/oauth/v2/token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      {},
    );
    expect(check).toEqual({ ok: true, body });
  });
});

describe("parameters", () => {
  test("a missing required query parameter is a 400 naming it", async () => {
    const check = await checkRequest(
      operation("createBankFlowUrl"),
      request("/public/v3/webflow/banks/barclays/redirect", { method: "POST", headers: APP_USER }),
      { bank_slug: "barclays" },
    );
    expect(check).toEqual({
      ok: false,
      status: 400,
      problems: [{ in: "query", field: "url", problem: "is required" }],
    });
  });

  test("a missing path parameter is a 400 naming it; a present one passes", async () => {
    const op = operation("listCustomerBanks");
    const path = "/public/v3/customers/7/banks";
    const missing = await checkRequest(op, request(path, { headers: BEARER }), {});
    expect(missing).toEqual({
      ok: false,
      status: 400,
      problems: [{ in: "path", field: "customer_id", problem: "is required" }],
    });
    // A path value that is not a string (MSW's repeated-segment array) counts as missing.
    expect(await checkRequest(op, request(path, { headers: BEARER }), { customer_id: ["7", "8"] })).toMatchObject({
      ok: false,
      problems: [{ field: "customer_id", problem: "is required" }],
    });
    expect(await checkRequest(op, request(path, { headers: BEARER }), { customer_id: "7" })).toEqual({
      ok: true,
      body: undefined,
    });
  });

  test("integer query values are converted before validation: 5 passes; 0, a blank and letters do not", async () => {
    const op = operation("listInvitations");
    const check = (query: string) =>
      checkRequest(op, request(`/public/v3/invitations?${query}`, { headers: BEARER }), {});
    expect(await check("page=2&max_per_page=5")).toEqual({ ok: true, body: undefined });
    const zero = await check("max_per_page=0");
    expect(zero).toMatchObject({ ok: false, status: 400, problems: [{ in: "query", field: "max_per_page" }] });
    expect((zero as { problems: { problem: string }[] }).problems[0]?.problem).toMatch(/^must be >= 1/);
    // A blank is text, not the number 0: it is refused as not an integer.
    expect(await check("page=%20")).toEqual({
      ok: false,
      status: 400,
      problems: [{ in: "query", field: "page", problem: "must be integer" }],
    });
    expect(await check("page=abc")).toMatchObject({ problems: [{ field: "page", problem: "must be integer" }] });
  });

  test("an optional query parameter may be absent", async () => {
    const check = await checkRequest(
      operation("listCustomers"),
      request("/public/v3/customers", { headers: BEARER }),
      {},
    );
    expect(check).toEqual({ ok: true, body: undefined });
  });

  // No operation of the spec has a header or boolean parameter: a made-up one stands in for them.
  const madeUp = (parameters: MockOperation["parameters"]): MockOperation => ({
    ...operation("listCustomers"),
    parameters,
  });

  test("a header parameter is read from the headers, not the query", async () => {
    const op = madeUp([{ name: "x-request-id", in: "header", required: true, schema: { type: "string" } }]);
    const inHeader = request("/public/v3/customers", { headers: { ...BEARER, "x-request-id": "r1" } });
    expect(await checkRequest(op, inHeader, {})).toEqual({ ok: true, body: undefined });
    const inQuery = request("/public/v3/customers?x-request-id=r1", { headers: BEARER });
    expect(await checkRequest(op, inQuery, {})).toEqual({
      ok: false,
      status: 400,
      problems: [{ in: "header", field: "x-request-id", problem: "is required" }],
    });
  });

  test("a boolean query value is converted: true and false pass, anything else is refused", async () => {
    const op = madeUp([{ name: "active", in: "query", schema: { type: "boolean" } }]);
    const check = (value: string) =>
      checkRequest(op, request(`/public/v3/customers?active=${value}`, { headers: BEARER }), {});
    expect(await check("true")).toEqual({ ok: true, body: undefined });
    expect(await check("false")).toEqual({ ok: true, body: undefined });
    expect(await check("yes")).toEqual({
      ok: false,
      status: 400,
      problems: [{ in: "query", field: "active", problem: "must be boolean" }],
    });
  });

  test("a value checked against a constant sees the converted value: true is not false", async () => {
    const op = madeUp([{ name: "active", in: "query", schema: { type: "boolean", const: true } as never }]);
    const check = (value: string) =>
      checkRequest(op, request(`/public/v3/customers?active=${value}`, { headers: BEARER }), {});
    expect((await check("true")).ok).toBe(true);
    expect((await check("false")).ok).toBe(false);
  });

  test("a number query value is converted like an integer", async () => {
    const op = madeUp([{ name: "amount", in: "query", schema: { type: "number", minimum: 1 } }]);
    const check = (value: string) =>
      checkRequest(op, request(`/public/v3/customers?amount=${value}`, { headers: BEARER }), {});
    expect(await check("1.5")).toEqual({ ok: true, body: undefined });
    expect(await check("0.5")).toMatchObject({ ok: false, problems: [{ field: "amount" }] });
  });
});

describe("the JSON body", () => {
  const invitation = (init: { body?: string; type?: string }) =>
    checkRequest(
      operation("createInvitation"),
      request("/public/v3/invitations", {
        method: "POST",
        headers: { ...BEARER, ...(init.type === undefined ? {} : { "content-type": init.type }) },
        body: init.body,
      }),
      {},
    );

  test("an empty required body is a 400: the body is required (JSON)", async () => {
    expect(await invitation({ type: "application/json" })).toEqual({
      ok: false,
      status: 400,
      problems: [{ in: "body", field: "", problem: "is required (JSON)" }],
    });
  });

  test("an empty optional body passes", async () => {
    const check = await checkRequest(
      operation("createConsentScreen"),
      request("/public/v3/webflow/banks/barclays/consent", { method: "POST", headers: APP_USER }),
      { bank_slug: "barclays" },
    );
    expect(check).toEqual({ ok: true, body: undefined });
  });

  test.each([
    ["text/plain", "text/plain"],
    ["application/json not at the start", "text/application/json"],
  ])("a body sent as %s is a 400 naming the content type", async (_case, type) => {
    expect(await invitation({ body: "{}", type })).toEqual({
      ok: false,
      status: 400,
      problems: [{ in: "header", field: "content-type", problem: `must be application/json, got "${type}"` }],
    });
  });

  test.each(["application/json; charset=utf-8", "Application/JSON", "application/vnd.planky+json"])(
    "JSON under another media type name (%s) is read as JSON",
    async (type) => {
      const check = await invitation({ body: "[1]", type });
      // Read as JSON, then refused by the schema (an array is not an invitation), not by the content type.
      expect(check).toMatchObject({ ok: false, status: 400, problems: [{ in: "body" }] });
    },
  );

  test("a body that is not JSON is a 400 saying so", async () => {
    expect(await invitation({ body: "{bad", type: "application/json" })).toEqual({
      ok: false,
      status: 400,
      problems: [{ in: "body", field: "", problem: "is not valid JSON" }],
    });
  });

  test("a valid body is handed back parsed", async () => {
    const body = { client_id: "id", client_secret: "secret", grant_type: "client_credentials" };
    const check = await checkRequest(
      operation("createAccessToken"),
      request("/oauth/v2/token", {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(body),
      }),
      {},
    );
    expect(check).toEqual({ ok: true, body });
  });
});
