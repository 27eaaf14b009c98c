/**
 * The token request and `planky.raw` at their edges, found by mutation testing: redirects and odd bodies from the
 * token endpoint, a raw call to the token endpoint itself, `raw.request()`, and a webflow client's reads.
 */
import { describe, expect, test, vi } from "vitest";
import { APIError, OAuthError, PlankyValidationError } from "../../src/index";
import { createWebflowClient } from "../../src/webflow";
import { BASE_URL, CUSTOMER, json, stubClient } from "./stub-fetch";

const create = (s: ReturnType<typeof stubClient>) => s.client.customers.create({ user_reference: "u" });

describe("the token endpoint", () => {
  test.each([300, 307, 308])(
    "%i: a redirect is not followed with the secret, and is not OAuthError",
    async (status) => {
      const s = stubClient({
        api: () => json(CUSTOMER),
        token: () => new Response(null, { status, headers: { location: "https://elsewhere.example/oauth/v2/token" } }),
      });
      const error = await create(s).catch((e: unknown) => e);
      expect(Object.getPrototypeOf(error)).toBe(APIError.prototype);
      expect((error as Error).message).toMatch(
        new RegExp(`^The token endpoint answered HTTP ${status} with a redirect to https://elsewhere\\.example\\. `),
      );
      expect(s.tokenRequests()).toHaveLength(1);
      expect(s.api()).toHaveLength(0);
    },
  );

  test("a redirect without a Location says so plainly", async () => {
    const s = stubClient({ api: () => json(CUSTOMER), token: () => new Response(null, { status: 307 }) });
    const error = await create(s).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^The token endpoint answered HTTP 307 with a redirect\. /);
  });

  test("a JSON null body is a PlankyValidationError on access_token", async () => {
    const s = stubClient({ api: () => json(CUSTOMER), token: () => json(null) });
    const error = await create(s).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect((error as PlankyValidationError).field).toBe("access_token");
  });

  test("an expires_in that is not a number: the token is kept until a 401, not refreshed by the clock", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 0, 1) });
    try {
      const s = stubClient({
        api: () => json(CUSTOMER),
        token: (_r, n) => json({ access_token: `token-${n}`, expires_in: "1" }),
      });
      await create(s);
      vi.setSystemTime(Date.UTC(2026, 0, 2));
      await create(s);
      expect(s.tokenRequests()).toHaveLength(1);
      expect(s.api().map((r) => r.authorization)).toEqual(["Bearer token-1", "Bearer token-1"]);
    } finally {
      vi.useRealTimers();
    }
  });

  test("a 4xx other than a redirect is OAuthError naming the OAuth code", async () => {
    const s = stubClient({ api: () => json(CUSTOMER), token: () => json({ error: "invalid_client" }, 401) });
    const error = await create(s).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as Error).message).toContain("HTTP 401 invalid_client");
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

describe("the webflow client's reads", () => {
  test("banks.list() is a read: a 500 is retried", async () => {
    let calls = 0;
    const webflow = createWebflowClient({
      customerToken: "ct-1234567890",
      baseUrl: BASE_URL,
      initialRetryDelay: 1,
      fetch: async () => (++calls === 1 ? json({}, 500) : json([])),
    });
    await expect(webflow.banks.list()).resolves.toEqual([]);
    expect(calls).toBe(2);
  });

  test("consents.getStatus() is a read: a 500 is retried", async () => {
    let calls = 0;
    const webflow = createWebflowClient({
      customerToken: "ct-1234567890",
      baseUrl: BASE_URL,
      initialRetryDelay: 1,
      fetch: async () => (++calls === 1 ? json({}, 500) : json({ status: "Authorised" })),
    });
    await expect(webflow.consents.getStatus({ bankSlug: "barclays" })).resolves.toEqual({ status: "Authorised" });
    expect(calls).toBe(2);
  });

  test("null options and missing params are PlankyValidationErrors, not TypeErrors", async () => {
    expect(() => createWebflowClient(null as never)).toThrow(PlankyValidationError);
    const webflow = createWebflowClient({
      customerToken: "ct-1234567890",
      baseUrl: BASE_URL,
      fetch: async () => json({}),
    });
    await expect(webflow.consents.getStatus(undefined as never)).rejects.toMatchObject({
      name: "PlankyValidationError",
      field: "bankSlug",
    });
  });
});
