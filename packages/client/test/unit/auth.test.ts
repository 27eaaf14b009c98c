import { describe, expect, test, vi } from "vitest";
import {
  AuthenticationError,
  InternalServerError,
  InvalidResponseError,
  OAuthError,
  PlankyValidationError,
} from "../../src/index";
import { CLIENT_SECRET, CUSTOMER, json, stubClient } from "./stub-fetch";

const create = (s: ReturnType<typeof stubClient>) => s.client.customers.create({ user_reference: "user-42" });

describe("client credentials", () => {
  test("the token request is JSON client credentials, and the token is sent as Bearer", async () => {
    const s = stubClient({ api: () => json(CUSTOMER) });
    await create(s);
    expect(JSON.parse(s.tokenRequests()[0]?.body ?? "")).toEqual({
      client_id: "client-id",
      client_secret: CLIENT_SECRET,
      grant_type: "client_credentials",
    });
    expect(s.tokenRequests()[0]?.authorization).toBeNull();
    expect(s.api()[0]?.authorization).toBe("Bearer token-1");
  });

  test("100 concurrent calls on a cold client trigger exactly one token request", async () => {
    const s = stubClient({ api: () => json(CUSTOMER) });
    await Promise.all(Array.from({ length: 100 }, () => create(s)));
    expect(s.tokenRequests()).toHaveLength(1);
    expect(s.api()).toHaveLength(100);
    expect(new Set(s.api().map((r) => r.authorization))).toEqual(new Set(["Bearer token-1"]));
  });

  test("a 401 drops the token, fetches a new one and replays the call once (a create too)", async () => {
    const s = stubClient({
      api: (request) => (request.headers.get("authorization") === "Bearer token-1" ? json({}, 401) : json(CUSTOMER)),
    });
    await expect(create(s)).resolves.toEqual(CUSTOMER);
    expect(s.api().map((r) => r.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
    expect(s.tokenRequests()).toHaveLength(2);
  });

  test("a second 401 is an AuthenticationError: one replay only, outside the retry budget", async () => {
    const s = stubClient({ api: () => json({ message: "Unauthorised" }, 401), maxRetries: 0 });
    await expect(create(s)).rejects.toBeInstanceOf(AuthenticationError);
    expect(s.api()).toHaveLength(2);
    expect(s.tokenRequests()).toHaveLength(2);
  });

  test("100 concurrent calls that all hit 401 share one replacement token", async () => {
    const s = stubClient({
      api: (request) => (request.headers.get("authorization") === "Bearer token-1" ? json({}, 401) : json(CUSTOMER)),
    });
    await Promise.all(Array.from({ length: 100 }, () => create(s)));
    expect(s.tokenRequests()).toHaveLength(2);
    expect(s.api()).toHaveLength(200);
  });

  test("400 invalid_client from the token endpoint is an OAuthError, not retried, and no API call is made", async () => {
    const s = stubClient({ api: () => json(CUSTOMER), token: () => json({ error: "invalid_client" }, 400) });
    const error = await create(s).catch((e) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ status: 400, oauthError: "invalid_client", body: { error: "invalid_client" } });
    expect(error.message).toContain("Check clientId and clientSecret");
    expect(s.tokenRequests()).toHaveLength(1);
    expect(s.api()).toHaveLength(0);
  });

  test("a 5xx from the token endpoint is the server's fault: retried, then InternalServerError", async () => {
    const s = stubClient({ api: () => json(CUSTOMER), token: () => json({}, 502) });
    await expect(create(s)).rejects.toBeInstanceOf(InternalServerError);
    expect(s.tokenRequests()).toHaveLength(3);
  });

  test("a 200 from the token endpoint without a usable access_token is a typed error", async () => {
    const missing = stubClient({ api: () => json(CUSTOMER), token: () => json({ token_type: "bearer" }) });
    await expect(create(missing)).rejects.toMatchObject({ name: "PlankyValidationError", field: "access_token" });
    const broken = stubClient({ api: () => json(CUSTOMER), token: () => new Response('{"access_token":"abc') });
    await expect(create(broken)).rejects.toBeInstanceOf(InvalidResponseError);
  });

  test("the token is refreshed after expires_in", async () => {
    // The cache's clock (Date) is moved past expires_in: a real 20 ms lifetime raced a loaded machine, where the
    // first call could find its own fresh token already expired.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const s = stubClient({
        api: () => json(CUSTOMER),
        token: (_r, call) => json({ access_token: `short-${call}`, expires_in: 60 }),
      });
      await create(s);
      vi.setSystemTime(Date.now() + 61_000);
      await create(s);
      expect(s.api().map((r) => r.authorization)).toEqual(["Bearer short-1", "Bearer short-2"]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("a ready access token or a provider", () => {
  test("a fixed token is sent as is; no token request; a 401 is not replayed", async () => {
    const s = stubClient({ api: () => json({}, 401), accessToken: "fixed-token" });
    await expect(create(s)).rejects.toBeInstanceOf(AuthenticationError);
    expect(s.api().map((r) => r.authorization)).toEqual(["Bearer fixed-token"]);
    expect(s.tokenRequests()).toHaveLength(0);
  });

  test("a provider is asked per call, and again for the replay after a 401", async () => {
    let n = 0;
    const s = stubClient({
      api: (_r, call) => (call === 1 ? json({}, 401) : json(CUSTOMER)),
      accessToken: async () => `provided-${++n}`,
    });
    await expect(create(s)).resolves.toEqual(CUSTOMER);
    await create(s);
    expect(s.api().map((r) => r.authorization)).toEqual([
      "Bearer provided-1",
      "Bearer provided-2",
      "Bearer provided-3",
    ]);
  });

  test("a provider's own error reaches the caller unchanged", async () => {
    const failure = new Error("vault unavailable");
    const s = stubClient({
      api: () => json(CUSTOMER),
      accessToken: () => Promise.reject(failure),
    });
    await expect(create(s)).rejects.toBe(failure);
  });

  test.each(["", "two words", "line\r\nbreak", "Bearer abc", "tök"])(
    "a provider returning %j is rejected before sending",
    async (bad) => {
      const s = stubClient({ api: () => json(CUSTOMER), accessToken: () => bad });
      const error = await create(s).catch((e) => e);
      expect(error).toBeInstanceOf(PlankyValidationError);
      expect(error.field).toBe("accessToken");
      expect(s.api()).toHaveLength(0);
    },
  );

  test.each(["", "two words", "tab\there"])("accessToken %j is rejected when the client is created", (bad) => {
    expect(() => stubClient({ api: () => json({}), accessToken: bad })).toThrow(PlankyValidationError);
  });

  test("missing credentials name the field", () => {
    expect(() => stubClient({ api: () => json({}), clientSecret: "" })).toThrow(
      expect.objectContaining({ field: "clientSecret" }),
    );
    expect(() => stubClient({ api: () => json({}), clientId: undefined })).toThrow(
      expect.objectContaining({ field: "clientId" }),
    );
  });
});

describe("customer token (AppUserToken)", () => {
  test("sent as AppUserToken; no access token is fetched for it", async () => {
    const s = stubClient({ api: () => json({ status: "Authorised" }) });
    await s.client.consents.getStatus({ bankSlug: "barclays", customerToken: "cust-1234" });
    expect(s.requests.map((r) => r.authorization)).toEqual(["AppUserToken cust-1234"]);
  });

  test.each([
    ["", "expected a non-empty string"],
    ["has space", "must not contain spaces"],
    ["crlf\r\nX-Injected: 1", "must not contain spaces, line breaks"],
    ["lf\n", "line breaks"],
    ["AppUserToken abc", "pass the bare token"],
  ])("%j is rejected before sending, with a clear message", async (bad, message) => {
    const s = stubClient({ api: () => json({}) });
    const error = await s.client.consents.getStatus({ bankSlug: "barclays", customerToken: bad }).catch((e) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect(error.field).toBe("customerToken");
    expect(error.message).toContain(message);
    expect(s.requests).toHaveLength(0);
  });

  test("a caller's own Authorization header (any case) wins over the Bearer token", async () => {
    const s = stubClient({ api: () => json(CUSTOMER) });
    await s.client.customers.create({ user_reference: "u" }, { headers: { AUTHORIZATION: "Bearer mine" } });
    expect(s.requests.map((r) => r.authorization)).toEqual(["Bearer mine"]);
  });

  test("per-call and default headers may be a Headers object; none is dropped", async () => {
    let seen: Headers | undefined;
    const t = stubClient({
      api: (request) => {
        seen = request.headers;
        return json(CUSTOMER);
      },
      defaultHeaders: new Headers({ "x-default": "d" }),
    });
    await t.client.customers.create({ user_reference: "u" }, { headers: new Headers({ "x-call": "c" }) });
    expect(seen?.get("x-default")).toBe("d");
    expect(seen?.get("x-call")).toBe("c");
  });
});
