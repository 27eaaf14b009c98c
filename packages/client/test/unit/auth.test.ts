import { afterEach, describe, expect, test, vi } from "vitest";
import {
  APIError,
  AuthenticationError,
  createPlankyClient,
  InternalServerError,
  InvalidResponseError,
  OAuthError,
  type PlankyClientOptions,
  PlankyValidationError,
  RateLimitError,
} from "../../src/index";
import { startLocalServer } from "../support/local-server";
import { CLIENT_SECRET, CUSTOMER, issueTokens, json, stubClient } from "./stub-fetch";

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

  test.each([
    [
      404,
      "https://api.example.test/public/oauth/v2/token",
      "Could not get an access token from /public/oauth/v2/token: HTTP 404. Check baseUrl: it has a path (/public), " +
        "but the client adds /oauth/v2/token and /public/v3/… itself, so pass the origin only, e.g. " +
        "https://api.friendlyscore.com.",
    ],
    [
      405,
      "https://api.example.test/oauth/v2/token",
      "Could not get an access token from /oauth/v2/token: HTTP 405. Check baseUrl: the client adds /oauth/v2/token " +
        "and /public/v3/… itself, so pass the origin only, e.g. https://api.friendlyscore.com.",
    ],
  ])("HTTP %i from the token URL %s blames baseUrl, not the credentials", (status, url, message) => {
    const error = new OAuthError({ status, url, method: "POST", body: "", headers: new Headers() });
    expect(error.message).toBe(message);
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

describe("the token endpoint", () => {
  const create = (s: ReturnType<typeof stubClient>) => s.client.customers.create({ user_reference: "u" });

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

/** Settles `promise` and returns what it rejected with (`undefined` if it resolved). */
const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Every string in a JSON-like value, keys included. */

describe("a token endpoint in trouble is reported as what it is, not as bad credentials", () => {
  test.each([
    [408, APIError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
    [504, InternalServerError],
  ])("%i: retried like any safe request, then exactly %o", async (status, ErrorClass) => {
    const s = stubClient({
      api: () => json(CUSTOMER),
      token: () => json({ error: "temporarily_unavailable" }, status),
    });
    const error = await rejection(s.client.customers.create({ user_reference: "u" }));
    expect(Object.getPrototypeOf(error)).toBe(ErrorClass.prototype);
    expect(error).not.toBeInstanceOf(OAuthError);
    expect((error as APIError).status).toBe(status);
    expect((error as Error).message).not.toMatch(/clientSecret/);
    expect(s.tokenRequests()).toHaveLength(3);
    expect(s.api()).toHaveLength(0);
  });

  test("a 503 once, then a token: the call goes through", async () => {
    const s = stubClient({
      api: () => json(CUSTOMER),
      token: (_r, n) => (n === 1 ? json({}, 503) : json({ access_token: "tok-2", expires_in: 3600 })),
    });
    await expect(s.client.customers.create({ user_reference: "u" })).resolves.toEqual(CUSTOMER);
    expect(s.api().map((r) => r.authorization)).toEqual(["Bearer tok-2"]);
  });

  test.each([400, 401, 403])("%i: the credentials were refused, OAuthError, not retried", async (status) => {
    const s = stubClient({ api: () => json(CUSTOMER), token: () => json({ error: "invalid_client" }, status) });
    const error = await rejection(s.client.customers.create({ user_reference: "u" }));
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).oauthError).toBe("invalid_client");
    expect(s.tokenRequests()).toHaveLength(1);
  });
});

describe("when the cached access token is refreshed", () => {
  const T0 = Date.UTC(2026, 0, 1);

  const EXPIRES_IN_S = 3600;

  const USED_UNTIL = T0 + EXPIRES_IN_S * 1000 - 30_000;

  const REFRESH_FROM = USED_UNTIL - 5 * 60_000;

  afterEach(() => {
    vi.useRealTimers();
  });

  test("no refresh a millisecond before the window; a background refresh at its first millisecond", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: T0 });
    const s = stubClient({ api: () => json(CUSTOMER), token: issueTokens(EXPIRES_IN_S) });
    const create = () => s.client.customers.create({ user_reference: "u" });

    await create();
    vi.setSystemTime(REFRESH_FROM - 1);
    await create();
    expect(s.tokenRequests()).toHaveLength(1);

    vi.setSystemTime(REFRESH_FROM);
    await create();
    await vi.waitFor(() => expect(s.tokenRequests()).toHaveLength(2));
    // The call in the window did not wait for the refresh: it used the current token.
    expect(s.api().map((r) => r.authorization)).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-1"]);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the background refresh lands
    await create();
    expect(s.api().at(-1)?.authorization).toBe("Bearer token-2");
  });
});
