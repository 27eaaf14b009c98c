/**
 * Behaviours that matter to a caller and that mutation testing showed no other test pins down (issue 14). Each is
 * stated through the public API only (createPlankyClient with a stub `fetch`), so it holds whatever the call path
 * looks like inside.
 */
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  OAuthError,
  PermissionDeniedError,
  PlankyValidationError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../src/index";
import { CUSTOMER, connectionError, hang, INVITATION_REQUEST, json, stubClient } from "./stub-fetch";

const consent = (customerToken = "cust-token-1") => ({ bankSlug: "barclays", customerToken });

/** Settles `promise` and returns what it rejected with (`undefined` if it resolved). */
const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Every string in a JSON-like value, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
  }
  return [];
}

/** Everything an error shows when logged, plus the strings of its `body` as they are (not re-escaped). */
function everythingShown(error: unknown): string[] {
  const e = error as { message?: unknown; body?: unknown; cause?: unknown };
  return [
    String(e?.message),
    String(error),
    JSON.stringify(error) ?? "",
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(e?.cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    ...strings(e?.body),
  ];
}

/** The credential of an Authorization header value, without its scheme. */
const bare = (request: Request) => {
  const authorization = request.headers.get("authorization") ?? "";
  return authorization.slice(authorization.indexOf(" ") + 1);
};

describe("1. a server that echoes only the bare credential, without its Bearer / AppUserToken prefix", () => {
  const ISSUED = "at-BARE-issued";
  const PROVIDED = "at-BARE-provided";
  const FIXED = "at-BARE-fixed";
  const CUSTOMER_TOKEN = "ct-BARE-customer";
  const issue = () => json({ access_token: ISSUED, expires_in: 3600, token_type: "bearer" });
  const echoBare = (status: number) => (request: Request) =>
    json({ message: `token ${bare(request)} is not valid`, token: bare(request) }, status);

  test.each([
    ["an issued access token in a 403", ISSUED, { api: echoBare(403), token: issue }, "create"],
    ["an issued access token in a 401 after the replay", ISSUED, { api: echoBare(401), token: issue }, "create"],
    ["a provided access token in a 404", PROVIDED, { api: echoBare(404), accessToken: async () => PROVIDED }, "create"],
    ["a fixed access token in a 500", FIXED, { api: echoBare(500), accessToken: FIXED, maxRetries: 0 }, "create"],
    ["a customer token in a 401", CUSTOMER_TOKEN, { api: echoBare(401), token: issue }, "consent"],
    ["a customer token in a 400", CUSTOMER_TOKEN, { api: echoBare(400), token: issue }, "consent"],
  ] as const)("%s: redacted from the error's body and message", async (_name, secret, options, call) => {
    const s = stubClient(options);
    const error = await rejection(
      call === "create"
        ? s.client.customers.create({ user_reference: "u" })
        : s.client.consents.getStatus(consent(CUSTOMER_TOKEN)),
    );
    expect(error).toBeInstanceOf(APIError);
    const body = (error as APIError).body as { message: string; token: string };
    // The body is kept, only the credential is cut out of it.
    expect(body.message).toMatch(/^token .+ is not valid$/);
    for (const shown of everythingShown(error)) expect(shown).not.toContain(secret);
  });

  test("a 2xx that is not JSON and quotes the bare access token: redacted from the InvalidResponseError", async () => {
    const s = stubClient({ api: (request) => new Response(`oops ${bare(request)}`), token: issue });
    const error = await rejection(s.client.consents.getStatus(consent(CUSTOMER_TOKEN)));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toMatch(/^oops /);
    for (const shown of everythingShown(error)) expect(shown).not.toContain(CUSTOMER_TOKEN);
  });

  test("a custom fetch whose error quotes the bare token: redacted from the message and cause", async () => {
    const s = stubClient({
      api: (request) => {
        throw new Error(`refused ${bare(request)}`, { cause: new Error(`socket ${bare(request)}`) });
      },
      token: issue,
      maxRetries: 0,
    });
    const error = await rejection(s.client.invitations.create(INVITATION_REQUEST));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain("refused ");
    for (const shown of everythingShown(error)) expect(shown).not.toContain(ISSUED);
  });
});

describe("2. credentials echoed JSON-escaped (PHP's json_encode also escapes `/` as `\\/`)", () => {
  const PROVIDED = "at-SLASH/provided";
  const CLIENT_SECRET = 'cs-"quoted"/slash';
  /** The forms a secret takes in text: as is, inside a JSON string, and inside a PHP-encoded JSON string. */
  const forms = (secret: string) => {
    const inJson = JSON.stringify(secret).slice(1, -1);
    return [secret, inJson, inJson.replaceAll("/", "\\/")];
  };
  const expectNoForm = (error: unknown, secret: string) => {
    // Checked on `body` itself: a JSON rendering would escape the backslash again and hide a leak.
    for (const shown of everythingShown(error)) {
      for (const form of forms(secret)) expect(shown, `leaked as ${form}`).not.toContain(form);
    }
  };

  test("inside a string of a JSON error body", async () => {
    const s = stubClient({
      api: (request) => json({ detail: JSON.stringify({ auth: bare(request) }).replaceAll("/", "\\/") }, 404),
      accessToken: async () => PROVIDED,
    });
    const error = await rejection(s.client.customers.create({ user_reference: "u" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as APIError).body).toEqual({ detail: expect.stringMatching(/^\{"auth":".+"\}$/) });
    expectNoForm(error, PROVIDED);
  });

  test("in an error body that is not JSON", async () => {
    const s = stubClient({
      api: (request) => new Response(`<pre>auth: "${bare(request).replaceAll("/", "\\/")}"</pre>`, { status: 502 }),
      accessToken: async () => PROVIDED,
      maxRetries: 0,
    });
    const error = await rejection(s.client.customers.create({ user_reference: "u" }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).body).toMatch(/^<pre>auth: ".+"<\/pre>$/);
    expectNoForm(error, PROVIDED);
  });

  test("in a 2xx body that is not JSON", async () => {
    const s = stubClient({
      api: (request) => new Response(`oops "${bare(request).replaceAll("/", "\\/")}"`),
      accessToken: async () => PROVIDED,
    });
    const error = await rejection(s.client.customers.create({ user_reference: "u" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expectNoForm(error, PROVIDED);
  });

  test("a client secret with quotes and a slash, echoed by the token endpoint as JSON and PHP-encoded JSON", async () => {
    const s = stubClient({
      api: () => json(CUSTOMER),
      token: async (request) => {
        const received = await request.text();
        return json({ error: "invalid_client", received, php: received.replaceAll("/", "\\/") }, 400);
      },
      clientSecret: CLIENT_SECRET,
    });
    const error = await rejection(s.client.customers.create({ user_reference: "u" }));
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).body).toMatchObject({ received: expect.stringContaining('"client_id":"client-id"') });
    expectNoForm(error, CLIENT_SECRET);
  });
});

describe("3. aborting a call mid-request rejects with APIUserAbortError, whatever the method", () => {
  const abortSoon = () => {
    const controller = new AbortController();
    const api = (request: Request) => {
      setTimeout(() => controller.abort(), 1);
      return hang(request);
    };
    return { signal: controller.signal, api };
  };

  test.each([
    ["customers.create", "create"],
    ["invitations.create", "invite"],
    ["consents.getStatus with maxRetries 0 (no backoff to hide behind)", "get"],
  ] as const)("%s", async (_name, call) => {
    const { signal, api } = abortSoon();
    const s = stubClient({ api, maxRetries: call === "get" ? 0 : 2 });
    const error = await rejection(
      call === "create"
        ? s.client.customers.create({ user_reference: "u" }, { signal })
        : call === "invite"
          ? s.client.invitations.create(INVITATION_REQUEST, { signal })
          : s.client.consents.getStatus(consent(), { signal }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(s.api()).toHaveLength(1);
  });
});

describe("4. each status gets exactly its own error class", () => {
  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [405, APIError],
    [408, APIError],
    [409, ConflictError],
    [410, APIError],
    [418, APIError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [499, APIError],
    [500, InternalServerError],
    [501, InternalServerError],
    [504, InternalServerError],
    [599, InternalServerError],
  ])("%i → exactly %o", async (status, ErrorClass) => {
    const s = stubClient({ api: () => json({ message: "no" }, status), accessToken: "tok-abc", maxRetries: 0 });
    const error = await rejection(s.client.consents.getStatus(consent()));
    // Not toBeInstanceOf: every subclass of APIError would pass that.
    expect(Object.getPrototypeOf(error)).toBe(ErrorClass.prototype);
    expect((error as APIError).name).toBe(ErrorClass.name);
    expect((error as APIError).status).toBe(status);
  });
});

describe("5. a malformed page envelope fails loudly instead of walking the wrong pages", () => {
  const item = { id: "inv-1" };
  const good = { page: 1, pages: 3, max_per_page: 1, data: [item] };

  test.each([
    ["page as a string", "page", { ...good, page: "1" }],
    ["page negative", "page", { ...good, page: -1 }],
    ["page fractional", "page", { ...good, page: 1.5 }],
    ["pages as a string", "pages", { ...good, pages: "3" }],
    ["pages missing", "pages", { page: 1, max_per_page: 1, data: [item] }],
    ["max_per_page as a string", "max_per_page", { ...good, max_per_page: "1" }],
    ["max_per_page unsafe", "max_per_page", { ...good, max_per_page: 2 ** 53 }],
    ["data an object", "data", { ...good, data: { 0: item } }],
    ["_links a string", "_links", { ...good, _links: "next" }],
    ["_links.next a string", "_links.next.href", { ...good, _links: { next: "/public/v3/invitations?page=2" } }],
    ["_links.next.href a number", "_links.next.href", { ...good, _links: { next: { href: 2 } } }],
    ["the body an array", "body", [item]],
    ["the body null", "body", null],
  ])("%s: InvalidResponseError naming %s, no item yielded, no second request", async (_name, field, page) => {
    const s = stubClient({ api: () => json(page), accessToken: "tok-abc" });
    const items: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const invitation of s.client.invitations.list()) items.push(invitation);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(`"${field}"`);
    expect(items).toEqual([]);
    expect(s.api()).toHaveLength(1);
  });

  test("well-formed pages are all walked (the checks above do not reject good envelopes)", async () => {
    const s = stubClient({
      api: (request) => {
        const n = Number(new URL(request.url).searchParams.get("page") ?? "1");
        return json({ page: n, pages: 3, max_per_page: 1, data: [{ id: `inv-${n}` }], _links: { next: null } });
      },
      accessToken: "tok-abc",
    });
    const ids: string[] = [];
    for await (const invitation of s.client.invitations.list()) ids.push(invitation.id);
    expect(ids).toEqual(["inv-1", "inv-2", "inv-3"]);
  });
});

describe("6. no timer keeps the process alive after a call", () => {
  // The client's one timeout timer may stay armed for a later deadline, unref'd: Node does not list it as active.
  const refedTimers = () => process.getActiveResourcesInfo().filter((type) => type === "Timeout").length;

  test.each([
    ["a resolved GET", () => json({ consent_id: "c", status: "Authorised" }), "get"],
    ["a resolved create (token request included)", () => json(CUSTOMER), "create"],
    ["a 404", () => json({}, 404), "get"],
    ["a 2xx that is not JSON", () => new Response("oops"), "get"],
    ["a connection error on a create", () => Promise.reject(connectionError("ECONNRESET")), "create"],
    ["a 503 retried, then 200", (_r: Request, n: number) => (n === 1 ? json({}, 503) : json(CUSTOMER)), "create"],
  ] as const)("%s", async (_name, api, call) => {
    const before = refedTimers();
    const s = stubClient({ api });
    const settled = rejection(
      call === "get" ? s.client.consents.getStatus(consent()) : s.client.customers.create({ user_reference: "u" }),
    );
    // While the call is in flight its 30 s timeout keeps the process alive, as it should.
    expect(refedTimers()).toBe(before + 1);
    await settled;
    expect(s.requests.length).toBeGreaterThan(0);
    expect(refedTimers()).toBe(before);
  });
});

describe("7. a 204, 205 or 304 without a body is an answer, not a connection error", () => {
  test.each([204, 205])(
    "%i on a typed call: InvalidResponseError (a JSON body was promised), one attempt",
    async (status) => {
      const s = stubClient({ api: () => new Response(null, { status }), accessToken: "tok-abc" });
      const error = await rejection(s.client.consents.getStatus(consent()));
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as APIError).status).toBe(status);
      expect(s.api()).toHaveLength(1);
    },
  );

  test("304 on a typed call: an APIError with status 304, one attempt", async () => {
    const s = stubClient({ api: () => new Response(null, { status: 304 }), accessToken: "tok-abc" });
    const error = await rejection(s.client.consents.getStatus(consent()));
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(APIConnectionError);
    expect((error as APIError).status).toBe(304);
    expect(s.api()).toHaveLength(1);
  });

  test.each([204, 205, 304])("%i through raw: the response as it came, one attempt", async (status) => {
    const s = stubClient({ api: () => new Response(null, { status }), accessToken: "tok-abc" });
    const { response } = await s.client.raw.GET("/public/v3/invitations");
    expect(response.status).toBe(status);
    expect(s.api()).toHaveLength(1);
  });
});

describe("8. which failures are retried", () => {
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

describe("9. a request body that is not a JSON object is refused before anything is sent", () => {
  test.each([
    ["a JSON string", '{"user_reference":"u"}'],
    ["null", null],
    ["an array", [{ user_reference: "u" }]],
    ["a number", 42],
    ["nothing", undefined],
  ])("%s", async (_name, params) => {
    const s = stubClient({ api: () => json(CUSTOMER) });
    for (const call of [
      () => s.client.customers.create(params as never),
      () => s.client.invitations.create(params as never),
    ]) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(PlankyValidationError);
      expect((error as PlankyValidationError).field).toBe("params");
    }
    expect(s.requests).toHaveLength(0);
  });
});

describe("10. a token endpoint in trouble is reported as what it is, not as bad credentials", () => {
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
