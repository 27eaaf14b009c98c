/**
 * The request loop as a user meets it: `withResponse()`, `raw` through the same retries and credentials, a
 * long-lived caller's signal, the token endpoint's redirects, and the client's public surface.
 */
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, test } from "vitest";
import * as publicApi from "../../src/index";
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  createPlankyClient,
  type PlankyClientOptions,
  PlankyValidationError,
} from "../../src/index";
import { startLocalServer } from "../support/local-server";
import { CLIENT_SECRET, CUSTOMER, connectionError, json, stubClient } from "./stub-fetch";

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

describe("a caller's long-lived AbortSignal", () => {
  test("keeps no listener after calls that succeed, fail or retry", async () => {
    const shutdown = new AbortController();
    const s = stubClient({ api: (_r, call) => (call % 3 === 0 ? json({}, 503) : json({ status: "Authorised" })) });
    for (let i = 0; i < 300; i++) {
      await s.client.consents.getStatus(consent, { signal: shutdown.signal }).catch(() => {});
    }
    await s.client.customers.create({ user_reference: "u" }, { signal: shutdown.signal });
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });

  test("still aborts a call in flight", async () => {
    const shutdown = new AbortController();
    const s = stubClient({ api: () => new Promise<Response>(() => {}) });
    const call = s.client.consents.getStatus(consent, { signal: shutdown.signal });
    setTimeout(() => shutdown.abort(), 1);
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
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

describe("the token endpoint redirects", () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  test.each([307, 308])("%i: an error that says so; the client secret is not sent to the target", async (status) => {
    const elsewhere = await startLocalServer(() => ({ body: { access_token: "stolen", expires_in: 3600 } }));
    const api = await startLocalServer(() => ({
      status,
      headers: { location: `${elsewhere.url}/oauth/v2/token` },
    }));
    stop = async () => {
      await api.stop();
      await elsewhere.stop();
    };
    const options: PlankyClientOptions = { clientId: "id", clientSecret: CLIENT_SECRET, baseUrl: api.url };
    const error = await createPlankyClient(options)
      .customers.create({ user_reference: "u" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(status);
    expect(error.message).toContain(`HTTP ${status} with a redirect to ${elsewhere.url}`);
    expect(error.message).toContain("set baseUrl");
    expect(api.seen).toHaveLength(1);
    expect(elsewhere.seen).toHaveLength(0);
  });
});
