/**
 * Retries: which failures are tried again, how many times, after how long (backoff, `Retry-After`).
 */

import { afterEach, describe, expect, test, vi } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from "../../src/index";
import { parseRetryAfter, retryDelay, shouldRetry } from "../../src/internal/retry-policy";
import { createWebflowClient, type WebflowClient } from "../../src/webflow";
import { BASE_URL, CUSTOMER, connectionError, hang, INVITATION_REQUEST, json, stubClient } from "./stub-fetch";

const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

const status = (code: number, headers: Record<string, string> = {}) => json({ error: `status ${code}` }, code, headers);

describe("retry budget (GET)", () => {
  test("503, 503, 200: three attempts, resolves", async () => {
    const s = stubClient({ api: (_r, call) => (call < 3 ? status(503) : json({ status: "Authorised" })) });
    await expect(s.client.consents.getStatus(consent)).resolves.toEqual({ status: "Authorised" });
    expect(s.api()).toHaveLength(3);
  });

  test("a 500 that persists: 1 + maxRetries (default 2) attempts, then InternalServerError", async () => {
    const s = stubClient({ api: () => status(500) });
    await expect(s.client.consents.getStatus(consent)).rejects.toBeInstanceOf(InternalServerError);
    expect(s.api()).toHaveLength(3);
  });

  test("maxRetries per client and per call", async () => {
    const s = stubClient({ api: () => status(502), maxRetries: 4 });
    await expect(s.client.consents.getStatus(consent)).rejects.toBeInstanceOf(InternalServerError);
    expect(s.api()).toHaveLength(5);
    await expect(s.client.consents.getStatus(consent, { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(s.api()).toHaveLength(6);
  });

  test.each([408, 429, 500, 502, 503, 504])("%i is retried", async (code) => {
    const s = stubClient({ api: (_r, call) => (call === 1 ? status(code) : json({ ok: true })) });
    await s.client.consents.getStatus(consent);
    expect(s.api()).toHaveLength(2);
  });

  test.each([400, 401, 403, 404, 409, 422])("%i is not retried", async (code) => {
    const s = stubClient({ api: () => status(code) });
    await expect(s.client.consents.getStatus(consent)).rejects.toMatchObject({ status: code });
    expect(s.api()).toHaveLength(1);
  });

  test("a reset connection is retried, and the last failure is an APIConnectionError with the socket code", async () => {
    const s = stubClient({
      api: () => {
        throw connectionError("ECONNRESET");
      },
    });
    const error = await s.client.consents.getStatus(consent).catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe("Connection error: ECONNRESET");
    expect(error.cause.cause.code).toBe("ECONNRESET");
    expect(s.api()).toHaveLength(3);
  });
});

describe("creates (POST without an idempotency key)", () => {
  const create = (s: ReturnType<typeof stubClient>) => s.client.invitations.create(INVITATION_REQUEST);

  test.each([500, 502, 504, 408])("%i: not retried, the server may have acted", async (code) => {
    const s = stubClient({ api: () => status(code) });
    await expect(create(s)).rejects.toMatchObject({ status: code });
    expect(s.api()).toHaveLength(1);
  });

  test.each([429, 503])("%i: retried, the server says it did not act", async (code) => {
    const s = stubClient({ api: (_r, call) => (call === 1 ? status(code) : json(CUSTOMER)) });
    await expect(create(s)).resolves.toEqual(CUSTOMER);
    expect(s.api()).toHaveLength(2);
    // The replayed request carries the same body.
    expect(s.api()[1]?.body).toBe(s.api()[0]?.body);
    expect(JSON.parse(s.api()[1]?.body ?? "")).toEqual(INVITATION_REQUEST);
  });

  test("a connection reset is not retried: the request may have arrived", async () => {
    const s = stubClient({
      api: () => {
        throw connectionError("ECONNRESET");
      },
    });
    await expect(create(s)).rejects.toBeInstanceOf(APIConnectionError);
    expect(s.api()).toHaveLength(1);
  });

  test("a refused connection is retried: the request certainly did not arrive", async () => {
    const s = stubClient({
      api: (_r, call) => {
        if (call === 1) throw connectionError("ECONNREFUSED");
        return json(CUSTOMER);
      },
    });
    await expect(create(s)).resolves.toEqual(CUSTOMER);
    expect(s.api()).toHaveLength(2);
  });

  test("a timeout is not retried", async () => {
    const s = stubClient({ api: hang, timeout: 5 });
    await expect(create(s)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(s.api()).toHaveLength(1);
  });

  test("the token request is a POST too, but safe to repeat: a 500 there is retried", async () => {
    const s = stubClient({
      api: () => json(CUSTOMER),
      token: (_r, call) => (call === 1 ? status(500) : json({ access_token: "t", expires_in: 3600 })),
    });
    await expect(s.client.customers.create({ user_reference: "u" })).resolves.toEqual(CUSTOMER);
    expect(s.tokenRequests()).toHaveLength(2);
  });
});

describe("backoff", () => {
  const policy = { maxRetries: 5, initialRetryDelay: 100, maxRetryDelay: 1_000 };

  test("doubles per retry with at most 25 % jitter, and never exceeds maxRetryDelay", () => {
    const expected = [100, 200, 400, 800, 1000, 1000];
    expected.forEach((base, i) => {
      expect(retryDelay(i + 1, policy, null, () => 0)).toBe(base);
      expect(retryDelay(i + 1, policy, null, () => 1)).toBe(base * 0.75);
      for (let n = 0; n < 50; n++) {
        const delay = retryDelay(i + 1, policy, null) as number;
        expect(delay).toBeGreaterThanOrEqual(base * 0.75);
        expect(delay).toBeLessThanOrEqual(base);
      }
    });
  });

  test("the logger sees each retry with its delay", async () => {
    const s = stubClient({ api: () => status(503), initialRetryDelay: 2, maxRetryDelay: 3 });
    await s.client.consents.getStatus(consent).catch(() => {});
    const retries = s.events.filter((e) => e.type === "retry");
    expect(retries.map((e) => e.attempt)).toEqual([1, 2]);
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(1.5);
    expect(retries[0]?.delayMs).toBeLessThanOrEqual(2);
    expect(retries[1]?.delayMs).toBeGreaterThanOrEqual(2.25);
    expect(retries[1]?.delayMs).toBeLessThanOrEqual(3);
  });
});

describe("Retry-After", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("parses delta-seconds and HTTP dates", () => {
    const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:27:00 GMT", now)).toBe(0); // in the past: retry now
    for (const junk of [null, "", "soon", "1.5", "-1", "2 seconds"]) expect(parseRetryAfter(junk, now)).toBeUndefined();
  });

  test("a Retry-After within maxRetryDelay replaces the backoff; beyond it the call gives up", () => {
    const policy = { maxRetries: 2, initialRetryDelay: 100, maxRetryDelay: 5_000 };
    expect(retryDelay(1, policy, "4")).toBe(4000);
    expect(retryDelay(1, policy, "5")).toBe(5000);
    expect(retryDelay(1, policy, "6")).toBeUndefined();
    expect(retryDelay(1, policy, "garbage", () => 0)).toBe(100);
  });

  test("429 with Retry-After: 2 waits exactly two seconds before the second attempt", async () => {
    vi.useFakeTimers();
    const s = stubClient({
      api: (_r, call) => (call === 1 ? status(429, { "retry-after": "2" }) : json({ ok: true })),
      maxRetryDelay: 10_000,
    });
    const done = s.client.consents.getStatus(consent);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(s.api()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toEqual({ ok: true });
    expect(s.api()).toHaveLength(2);
  });

  test("503 with an HTTP-date Retry-After waits until that date", async () => {
    vi.useFakeTimers({ now: Date.parse("Wed, 21 Oct 2026 07:28:00 GMT") });
    const s = stubClient({
      api: (_r, call) =>
        call === 1 ? status(503, { "retry-after": "Wed, 21 Oct 2026 07:28:03 GMT" }) : json({ ok: true }),
      maxRetryDelay: 10_000,
    });
    const done = s.client.consents.getStatus(consent);
    await vi.advanceTimersByTimeAsync(2_990);
    expect(s.api()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    await expect(done).resolves.toEqual({ ok: true });
  });

  test("a Retry-After longer than maxRetryDelay: one attempt, RateLimitError carrying the header", async () => {
    const s = stubClient({ api: () => status(429, { "retry-after": "60" }), maxRetryDelay: 8_000 });
    const error = await s.client.consents.getStatus(consent).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.headers.get("retry-after")).toBe("60");
    expect(s.api()).toHaveLength(1);
  });

  test("a 400 with Retry-After is still not retried", async () => {
    const s = stubClient({ api: () => status(400, { "retry-after": "0" }) });
    await expect(s.client.consents.getStatus(consent)).rejects.toBeInstanceOf(BadRequestError);
    expect(s.api()).toHaveLength(1);
  });
});

describe("shouldRetry: every retry rule in one table", () => {
  const refused = connectionError("ECONNREFUSED");
  const reset = connectionError("ECONNRESET");
  test.each([
    // [what failed, safe to repeat, retries so far, max retries, retried?]
    [{ status: 503 }, false, 0, 2, true],
    [{ status: 429 }, false, 0, 2, true],
    [{ status: 500 }, false, 0, 2, false],
    [{ status: 500 }, true, 0, 2, true],
    [{ status: 408 }, true, 0, 2, true],
    [{ status: 408 }, false, 0, 2, false],
    [{ status: 404 }, true, 0, 2, false],
    [{ status: 401 }, true, 0, 2, false],
    [{ status: 503 }, true, 2, 2, false],
    [{ connectionError: reset }, true, 0, 2, true],
    [{ connectionError: reset }, false, 0, 2, false],
    [{ connectionError: refused }, false, 0, 2, true],
    [{ connectionError: refused }, false, 1, 1, false],
  ] as const)("%o, safeToRepeat %s, %i of %i retries used: %s", (failed, safe, used, max, expected) => {
    expect(shouldRetry(failed, safe, used, max)).toBe(expected);
  });
});

describe("which calls repeat after a 500", () => {
  test("a page of invitations.list() is a read: retried", async () => {
    const s = stubClient({
      api: (_r, n) => (n === 1 ? json({}, 500) : json({ page: 1, pages: 1, max_per_page: 1, data: [{ id: "a" }] })),
      accessToken: "t",
    });
    const ids: string[] = [];
    for await (const invitation of s.client.invitations.list()) ids.push(invitation.id);
    expect(ids).toEqual(["a"]);
    expect(s.api()).toHaveLength(2);
  });

  test("customers.createToken creates a token: not retried", async () => {
    const s = stubClient({ api: () => json({}, 500), accessToken: "t" });
    await expect(s.client.customers.createToken({ customerId: "1234" })).rejects.toBeInstanceOf(InternalServerError);
    expect(s.api()).toHaveLength(1);
  });
});

describe("a Retry-After that cannot be read", () => {
  test("text before an HTTP date makes it unreadable: the normal backoff applies, the call is retried", async () => {
    const s = stubClient({
      api: (_r, n) => (n === 1 ? json({}, 503, { "retry-after": "x, Fri, 01 Jan 2100 00:00:00 GMT" }) : json(CUSTOMER)),
    });
    await expect(s.client.customers.create({ user_reference: "u" })).resolves.toEqual(CUSTOMER);
    expect(s.api()).toHaveLength(2);
  });
});

/** Settles `promise` and returns what it rejected with (`undefined` if it resolved). */
const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Every string in a JSON-like value, keys included. */

describe("which failures are retried", () => {
  test.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"])(
    "%s (the request certainly never left): even a create is retried, 1 + maxRetries attempts",
    async (code) => {
      const s = stubClient({ api: () => Promise.reject(connectionError(code)) });
      const error = await rejection(s.client.customers.create({ user_reference: "u" }));
      expect(error).toBeInstanceOf(APIConnectionError);
      expect((error as Error).message).toContain(code);
      expect(s.api().map((r) => r.method)).toEqual(["POST", "POST", "POST"]);
    },
  );

  test("a custom fetch that puts the code on the error itself (node-fetch style) is understood too", async () => {
    const s = stubClient({
      api: () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND planky.test"), { code: "ENOTFOUND" })),
    });
    await expect(s.client.invitations.create(INVITATION_REQUEST)).rejects.toBeInstanceOf(APIConnectionError);
    expect(s.api()).toHaveLength(3);
  });

  test.each(["ECONNRESET", "ETIMEDOUT", "EPIPE", "UND_ERR_SOCKET"])(
    "%s (the request may have arrived): a create is not retried",
    async (code) => {
      const s = stubClient({ api: () => Promise.reject(connectionError(code)) });
      await expect(s.client.customers.create({ user_reference: "u" })).rejects.toBeInstanceOf(APIConnectionError);
      expect(s.api()).toHaveLength(1);
    },
  );

  type Loose = Record<string, (path: string, init?: object) => Promise<{ response: Response }>>;
  test.each(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"])(
    "raw %s is idempotent: a 500 and a reset connection are retried",
    async (method) => {
      const s = stubClient({
        api: (_r, n) => (n === 1 ? Promise.reject(connectionError("ECONNRESET")) : json({}, 500)),
      });
      const raw = s.client.raw as unknown as Loose;
      const { response } = await (raw[method] as Loose[string])("/public/v3/invitations");
      expect(response.status).toBe(500);
      expect(s.api().map((r) => r.method)).toEqual([method, method, method]);
    },
  );

  test("raw POST is not: a 500 is returned after one attempt", async () => {
    const s = stubClient({ api: () => json({}, 500) });
    const { response } = await s.client.raw.POST("/public/v3/customers", { body: { user_reference: "u" } });
    expect(response.status).toBe(500);
    expect(s.api()).toHaveLength(1);
  });
});

type Server = ReturnType<typeof stubClient>["client"];

function webflow(api: () => Response) {
  let calls = 0;
  const client = createWebflowClient({
    customerToken: "ct-1234567890",
    baseUrl: BASE_URL,
    initialRetryDelay: 1,
    maxRetryDelay: 5,
    fetch: async () => {
      calls++;
      return api();
    },
  });
  return { client, calls: () => calls };
}

const screen = { bankSlug: "barclays", data_sharing_details: {} } as never;

const flow = { bankSlug: "barclays", url: "https://app.example/back" } as never;

describe("a 500: retried by reads and deletes, not by creates", () => {
  test.each([
    ["customers.findByUserReference", (c: Server) => c.customers.findByUserReference({ userReference: "u" }), 3],
    ["customers.listBanks", (c: Server) => c.customers.listBanks({ customerId: "1" }), 3],
    ["customers.getBankConsent", (c: Server) => c.customers.getBankConsent({ customerId: "1", bankSlug: "b" }), 3],
    ["customers.createToken", (c: Server) => c.customers.createToken({ customerId: "1" }), 1],
    ["webhooks.create", (c: Server) => c.webhooks.create({ url: "https://example.com/hook" } as never), 1],
  ] as const)("server %s: %i attempt(s)", async (_name, call, attempts) => {
    const s = stubClient({ api: () => json({}, 500), accessToken: "t" });
    await expect(call(s.client)).rejects.toBeInstanceOf(InternalServerError);
    expect(s.api()).toHaveLength(attempts);
  });

  test.each([
    ["banks.list", (c: WebflowClient) => c.banks.list(), 3],
    ["consents.getStatus", (c: WebflowClient) => c.consents.getStatus({ bankSlug: "b" }), 3],
    ["consents.delete", (c: WebflowClient) => c.consents.delete({ bankSlug: "b" }), 3],
    ["consents.createScreen", (c: WebflowClient) => c.consents.createScreen(screen), 1],
    ["consents.createBankFlowUrl", (c: WebflowClient) => c.consents.createBankFlowUrl(flow), 1],
  ] as const)("webflow %s: %i attempt(s)", async (_name, call, attempts) => {
    const w = webflow(() => json({}, 500));
    await expect(call(w.client)).rejects.toBeInstanceOf(InternalServerError);
    expect(w.calls()).toBe(attempts);
  });
});
