/**
 * The request loop's surface: `createPlankyClient`, `withResponse()`, and `planky.raw` through the same loop.
 */

import { describe, expect, test } from "vitest";
import * as publicApi from "../../src/index";
import { APIConnectionError, createPlankyClient, PlankyValidationError } from "../../src/index";
import { CUSTOMER, connectionError, json, stubClient } from "./stub-fetch";

const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

describe("createPlankyClient", () => {
  test.each([undefined, null, "id"])("(%j) is a PlankyValidationError naming options, not a TypeError", (bad) => {
    const create = createPlankyClient as (options?: unknown) => unknown;
    expect(() => create(bad)).toThrow(expect.objectContaining({ name: "PlankyValidationError", field: "options" }));
    expect(() => create(bad)).toThrow(PlankyValidationError);
  });

  test("the package exports only what users may touch (no helpers such as isRecord or errorForStatus)", () => {
    const names = Object.keys(publicApi);
    expect(names).toContain("createPlankyClient");
    expect(names).toContain("NotFoundError");
    for (const internal of ["isRecord", "errorForStatus", "readRequestId", "send", "createLoop"]) {
      expect(names).not.toContain(internal);
    }
  });
});

describe("withResponse()", () => {
  test("resolves with the body, the Response and the request id of a successful call", async () => {
    const s = stubClient({ api: () => json(CUSTOMER, 200, { "x-request-id": "req-42" }) });
    const { data, response, requestId } = await s.client.customers.create({ user_reference: "u" }).withResponse();
    expect(data).toEqual(CUSTOMER);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("req-42");
    expect(requestId).toBe("req-42");
  });

  test("the plain promise still resolves with the body, and a failure rejects withResponse() too", async () => {
    const s = stubClient({ api: (_r, call) => (call === 1 ? json({ status: "Authorised" }) : json({}, 404)) });
    await expect(s.client.consents.getStatus(consent)).resolves.toEqual({ status: "Authorised" });
    await expect(s.client.consents.getStatus(consent).withResponse()).rejects.toMatchObject({ status: 404 });
  });
});

describe("raw goes through the same loop", () => {
  const path = "/public/v3/webflow/banks/{bank_slug}/consent/status" as const;
  const params = { path: { bank_slug: "barclays" } };

  test("a GET is retried after a 503 and authenticated with the access token", async () => {
    const s = stubClient({ api: (_r, call) => (call === 1 ? json({}, 503) : json({ status: "Authorised" })) });
    const { data, error, response } = await s.client.raw.GET(path, { params });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: "Authorised" });
    expect(s.api().map((r) => r.authorization)).toEqual(["Bearer token-1", "Bearer token-1"]);
  });

  test("a POST is not retried after a 500, and the error comes back as openapi-fetch's `error`", async () => {
    const s = stubClient({ api: () => json({ message: "boom" }, 500) });
    const { data, error, response } = await s.client.raw.POST("/public/v3/customers", {
      body: { user_reference: "u" },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ message: "boom" });
    expect(response.status).toBe(500);
    expect(s.api()).toHaveLength(1);
  });

  test("a 401 replays once with a new token; the caller's own Authorization wins", async () => {
    const s = stubClient({
      api: (r) => (r.headers.get("authorization") === "Bearer token-1" ? json({}, 401) : json(CUSTOMER)),
    });
    await s.client.raw.GET(path, { params });
    await s.client.raw.GET(path, { params, headers: { Authorization: "AppUserToken mine" } });
    expect(s.api().map((r) => r.authorization)).toEqual(["Bearer token-1", "Bearer token-2", "AppUserToken mine"]);
  });

  test("a connection failure is an APIConnectionError, as for typed calls", async () => {
    const s = stubClient({
      api: () => {
        throw connectionError("ECONNRESET");
      },
      maxRetries: 0,
    });
    await expect(s.client.raw.GET(path, { params })).rejects.toBeInstanceOf(APIConnectionError);
  });
});

describe("planky.raw", () => {
  test("a raw call to the token endpoint carries no access token (and fetches none)", async () => {
    const s = stubClient({ api: () => json({}) });
    const { response } = await s.client.raw.POST("/oauth/v2/token", {
      body: { client_id: "id", client_secret: "s", grant_type: "client_credentials" },
    });
    expect(response.status).toBe(200);
    expect(s.requests.map((r) => [r.path, r.authorization])).toEqual([["/oauth/v2/token", null]]);
  });

  test("raw.request(method, path) goes through the same loop (auth, retries)", async () => {
    const s = stubClient({ api: (_r, n) => (n === 1 ? json({}, 500) : json({ page: 1 })), accessToken: "t-raw" });
    const { data, response } = await s.client.raw.request("get", "/public/v3/invitations");
    expect(response.status).toBe(200);
    expect(data).toEqual({ page: 1 });
    expect(s.api().map((r) => [r.method, r.authorization])).toEqual([
      ["GET", "Bearer t-raw"],
      ["GET", "Bearer t-raw"],
    ]);
  });
});
