/**
 * Redaction: no secret (client secret, access token, customer token) in any error, log event or console output,
 * however a server echoes it.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import {
  APIConnectionError,
  APIError,
  createPlankyClient,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  OAuthError,
  type PlankyLogEvent,
} from "../../src/index";
import {
  BASE_URL,
  CLIENT_SECRET,
  CUSTOMER,
  hang,
  INVITATION_REQUEST,
  json,
  type StubOptions,
  stubClient,
} from "./stub-fetch";

const ACCESS_TOKEN = "at-SECRET-issued";

const FIXED_TOKEN = "at-SECRET-fixed";

const PROVIDED_TOKEN = "at-SECRET/provided"; // a "/" to exercise PHP-style "\/" escaping in echoed JSON

const CUSTOMER_TOKEN = "ct-SECRET-customer";

const SECRETS = [CLIENT_SECRET, ACCESS_TOKEN, FIXED_TOKEN, PROVIDED_TOKEN, CUSTOMER_TOKEN];

/** A server that quotes the request back: its Authorization header and its body. */
const echo = (status: number) => async (request: Request) =>
  json(
    {
      message: `rejected ${request.headers.get("authorization")}`,
      received: await request.text(),
      php: JSON.stringify(request.headers.get("authorization")).replaceAll("/", "\\/"),
    },
    status,
  );

const issue = () => json({ access_token: ACCESS_TOKEN, expires_in: 3600, token_type: "bearer" });

const consent = (customerToken = CUSTOMER_TOKEN) => ({ bankSlug: "barclays", customerToken });

interface Case {
  name: string;
  options: StubOptions;
  run: (client: ReturnType<typeof stubClient>["client"]) => Promise<unknown>;
}

const cases: Case[] = [
  {
    name: "token endpoint refuses the credentials and echoes them (OAuthError)",
    options: { api: () => json(CUSTOMER), token: echo(400) },
    run: (c) => c.customers.create({ user_reference: "u" }),
  },
  {
    name: "token endpoint returns a truncated token (InvalidResponseError)",
    options: { api: () => json(CUSTOMER), token: () => new Response(`{"access_token":"${ACCESS_TOKEN}`) },
    run: (c) => c.customers.create({ user_reference: "u" }),
  },
  {
    name: "token endpoint returns a token with a space in it (PlankyValidationError)",
    options: { api: () => json(CUSTOMER), token: () => json({ access_token: `${ACCESS_TOKEN} x`, expires_in: 1 }) },
    run: (c) => c.customers.create({ user_reference: "u" }),
  },
  {
    name: "token endpoint 500 echoing the request (InternalServerError)",
    options: { api: () => json(CUSTOMER), token: echo(500) },
    run: (c) => c.customers.create({ user_reference: "u" }),
  },
  {
    name: "401 after the replay, echoing the Bearer token (AuthenticationError)",
    options: { api: echo(401), token: issue },
    run: (c) => c.customers.create({ user_reference: "u" }),
  },
  {
    name: "HTML 502 quoting the Authorization header (InternalServerError)",
    options: {
      api: (r) =>
        new Response(`<h1>502</h1><pre>Authorization: ${r.headers.get("authorization")}</pre>`, { status: 502 }),
      token: issue,
    },
    run: (c) => c.invitations.create({ email: "a@example.com", reference: "r" }),
  },
  {
    name: "403 echoing a fixed access token",
    options: { api: echo(403), accessToken: FIXED_TOKEN },
    run: (c) => c.customers.create({ user_reference: "u" }),
  },
  {
    name: "404 echoing a provided token, JSON-escaped the PHP way",
    options: { api: echo(404), accessToken: async () => PROVIDED_TOKEN },
    run: (c) => c.customers.create({ user_reference: "u" }),
  },
  {
    name: "consent status 401 echoing the customer token",
    options: { api: echo(401), token: issue },
    run: (c) => c.consents.getStatus(consent()),
  },
  {
    name: "consent status 200 that is not JSON and quotes the customer token",
    options: { api: (r) => new Response(`oops ${r.headers.get("authorization")}`), token: issue },
    run: (c) => c.consents.getStatus(consent()),
  },
  {
    name: "customer token response truncated (InvalidResponseError)",
    options: { api: () => new Response(`{"token":"${CUSTOMER_TOKEN}`), token: issue },
    run: (c) => c.customers.createToken({ customerId: "1234" }),
  },
  {
    name: "a custom fetch whose error carries the Request and quotes its Authorization (APIConnectionError)",
    options: {
      api: (request) => {
        throw Object.assign(new TypeError(`failed ${request.headers.get("authorization")}`), {
          request,
          cause: Object.assign(new Error(`socket ${request.headers.get("authorization")}`), { request }),
        });
      },
      token: issue,
    },
    run: (c) => c.consents.getStatus(consent()),
  },
  {
    name: "timeout (APIConnectionTimeoutError)",
    options: { api: hang, token: issue, timeout: 5 },
    run: (c) => c.customers.create({ user_reference: "u" }),
  },
  {
    name: "user abort (APIUserAbortError)",
    options: { api: hang, token: issue },
    run: (c) => c.customers.create({ user_reference: "u" }, { signal: AbortSignal.timeout(5) }),
  },
  {
    name: "customer token with CR/LF (PlankyValidationError)",
    options: { api: () => json({}), token: issue },
    run: (c) => c.consents.getStatus(consent(`${CUSTOMER_TOKEN}\r\nX-Evil: 1`)),
  },
  {
    name: "customer token with a space (PlankyValidationError)",
    options: { api: () => json({}), token: issue },
    run: (c) => c.consents.getStatus(consent(`AppUserToken ${CUSTOMER_TOKEN}`)),
  },
  {
    name: "provider returns a token with a line break (PlankyValidationError)",
    options: { api: () => json({}), accessToken: () => `${PROVIDED_TOKEN}\n` },
    run: (c) => c.customers.create({ user_reference: "u" }),
  },
  {
    name: "a per-call header carrying a secret with a line break (PlankyValidationError)",
    options: { api: () => json({}), token: issue },
    run: (c) => c.customers.create({ user_reference: "u" }, { headers: { "x-api-key": `${CLIENT_SECRET}\n` } }),
  },
];

const constructionCases: [string, Partial<StubOptions>][] = [
  ["accessToken with a space", { accessToken: `Bearer ${FIXED_TOKEN}` }],
  ["defaultHeaders value with a line break", { defaultHeaders: { authorization: `Bearer ${FIXED_TOKEN}\r\n` } }],
];

/** Everything an error can turn into when someone logs it. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    String(e?.message),
    String(e),
    JSON.stringify(e),
    String(e?.stack),
    inspect(e, { depth: Number.POSITIVE_INFINITY }),
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect((e as { cause?: unknown })?.cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    JSON.stringify((e as { body?: unknown })?.body) ?? "",
  ];
}

function expectNoSecret(outputs: string[]): void {
  for (const output of outputs) {
    for (const secret of SECRETS) {
      for (const form of [secret, JSON.stringify(secret).slice(1, -1).replaceAll("/", "\\/")]) {
        expect(output, `leaked ${secret}`).not.toContain(form);
      }
    }
  }
}

describe("no secret in any error, log event or console output", () => {
  const printed: string[] = [];
  beforeAll(() => {
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args.map((a) => inspect(a)).join(" "));
      });
    }
  });
  afterAll(() => {
    vi.restoreAllMocks();
    expectNoSecret(printed);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, { options, run }) => {
    const events: PlankyLogEvent[] = [];
    const s = stubClient({ ...options, logger: (event) => events.push(event) });
    const error = await run(s.client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, "the call should fail").toBeInstanceOf(Error);
    expectNoSecret([...renderings(error), JSON.stringify(events), inspect(events, { depth: 10 })]);
  });

  test.each(constructionCases)("client construction: %s", (_name, options) => {
    let error: unknown;
    try {
      stubClient({ api: () => json({}), ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expectNoSecret(renderings(error));
  });

  test("successful data is never rewritten, even when it contains a credential", async () => {
    const s = stubClient({ api: (r) => json({ echoed: r.headers.get("authorization") }), token: issue });
    await expect(s.client.customers.create({ user_reference: "u" })).resolves.toEqual({
      echoed: `Bearer ${ACCESS_TOKEN}`,
    });
  });

  test("the search itself works: an unredacted rendering is caught", () => {
    expect(() => expectNoSecret([`token ${ACCESS_TOKEN}`])).toThrow(/leaked/);
  });
});

describe("short credentials: removed where they stand as a token, and messages stay readable", () => {
  const consentOf = (customerToken: string) => ({ bankSlug: "barclays", customerToken });
  const path = "/public/v3/webflow/banks/barclays/consent/status";

  test.each(["t", "nt", "ound"])(
    "customer token %j: a 404 saying 'Consent not found' keeps every word",
    async (token) => {
      const s = stubClient({ api: () => json({ message: "Consent not found" }, 404) });
      const error = await s.client.consents.getStatus(consentOf(token), { maxRetries: 0 }).catch((e) => e);
      expect(error.message).toBe(`GET ${path} failed with HTTP 404: Consent not found`);
      expect(error.body).toEqual({ message: "Consent not found" });
    },
  );

  test.each(["e", "ed", "fail"])("access token %j: a connection error keeps its message", async (token) => {
    const s = stubClient({
      api: () => {
        throw new TypeError("fetch failed");
      },
      accessToken: token,
      maxRetries: 0,
    });
    const error = await s.client.customers.create({ user_reference: "u" }).catch((e) => e);
    expect(error.message).toBe("Connection error: fetch failed");
    expect(error.cause.message).toBe("fetch failed");
  });

  test.each(["e", "ab", "t0/k"])("customer token %j echoed back is still removed, in every form", async (token) => {
    const s = stubClient({
      api: (request) =>
        json(
          {
            message: `rejected ${request.headers.get("authorization")}`,
            token,
            link: `https://x.test/?token=${encodeURIComponent(token)}`,
            php: JSON.stringify(token).replaceAll("/", "\\/"),
          },
          401,
        ),
    });
    const error = await s.client.consents.getStatus(consentOf(token)).catch((e) => e);
    expect(error.message).toBe(`GET ${path} failed with HTTP 401: rejected [redacted]`);
    expect(error.body).toEqual({
      message: "rejected [redacted]",
      token: "[redacted]",
      link: "https://x.test/?token=[redacted]",
      php: '"[redacted]"',
    });
  });

  test("[redacted] is never redacted inside itself, whatever the credential", async () => {
    for (const token of ["e", "d", "[redacted]", "redacted", "r"]) {
      const s = stubClient({ api: (r) => json({ message: `no ${r.headers.get("authorization")} here` }, 403) });
      const error = await s.client.consents.getStatus(consentOf(token), { maxRetries: 0 }).catch((e) => e);
      expect(error.message, token).toBe(`GET ${path} failed with HTTP 403: no [redacted] here`);
    }
  });

  test("a long credential is removed inside other text too, URL-encoded included", async () => {
    const s = stubClient({
      api: () => json({ message: `see https://x.test/?t=${encodeURIComponent(PROVIDED_TOKEN)}&more` }, 404),
      accessToken: PROVIDED_TOKEN,
    });
    const error = await s.client.customers.create({ user_reference: "u" }).catch((e) => e);
    expect(error.message).toContain("see https://x.test/?t=[redacted]&more");
    expect(JSON.stringify(error)).not.toContain(encodeURIComponent(PROVIDED_TOKEN));
  });
});

describe("bodies, headers and causes", () => {
  const consent = { bankSlug: "barclays", customerToken: "ct-redaction-edges" };

  const bare = (request: Request) => {
    const authorization = request.headers.get("authorization") ?? "";
    return authorization.slice(authorization.indexOf(" ") + 1);
  };

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("the call should fail");
      },
      (error: Error) => error,
    );

  describe("error bodies", () => {
    test("strings inside arrays, at any depth, are redacted", async () => {
      const s = stubClient({
        api: (request) => json([{ errors: [`token ${bare(request)} expired`, [bare(request)]] }], 403),
        accessToken: async () => "at-IN-ARRAYS-1234",
      });
      const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
      expect(error.body).toEqual([{ errors: ["token [redacted] expired", ["[redacted]"]] }]);
    });

    test("every occurrence in one string is redacted", async () => {
      const s = stubClient({
        api: (request) => json({ message: `${bare(request)} / ${bare(request)}` }, 400),
        accessToken: async () => "at-TWICE-1234",
      });
      const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
      expect(error.body).toEqual({ message: "[redacted] / [redacted]" });
    });

    test("a credential that starts with another credential is redacted whole", async () => {
      const issued = `${CLIENT_SECRET}-and-more`;
      const s = stubClient({
        api: (request) => json({ message: `bad token ${bare(request)}` }, 403),
        token: () => json({ access_token: issued, expires_in: 3600 }),
      });
      const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
      expect(error.body).toEqual({ message: "bad token [redacted]" });
    });

    test("a credential of 8 or more characters is redacted even glued to other text", async () => {
      const s = stubClient({
        api: (request) => json({ message: `token=x${bare(request)}y` }, 401),
        accessToken: "abcd1234",
      });
      const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
      expect(error.body).toEqual({ message: "token=x[redacted]y" });
    });

    test("a credential under 8 characters is redacted only as a whole word, so messages stay readable", async () => {
      const s = stubClient({
        api: (request) => json({ message: `Consent ${bare(request)} for onsent not found` }, 404),
        accessToken: "onsent",
      });
      const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
      expect(error.body).toEqual({ message: "Consent [redacted] for [redacted] not found" });
    });

    test("the caller's own Authorization header: its bare credential is redacted too", async () => {
      const s = stubClient({ api: (request) => json({ message: `who is ${bare(request)}?` }, 403) });
      const error = (await failure(
        s.client.customers.create({ user_reference: "u" }, { headers: { Authorization: "Bearer own-SECRET-token" } }),
      )) as APIError;
      expect(error.body).toEqual({ message: "who is [redacted]?" });
      expect(s.tokenRequests()).toHaveLength(0);
    });
  });

  describe("an empty Authorization header of the caller's own", () => {
    test("leaves the error body as it is (an empty credential redacts nothing)", async () => {
      const s = stubClient({ api: () => json({ message: "no credentials -- (none)." }, 401) });
      const error = (await failure(
        s.client.customers.create({ user_reference: "u" }, { headers: { Authorization: "" } }),
      )) as APIError;
      expect(error.body).toEqual({ message: "no credentials -- (none)." });
    });
  });

  describe("what is kept of a failed fetch's error", () => {
    const chain = (depth: number): Error => {
      let error: Error | undefined;
      for (let level = depth; level >= 1; level--) error = new Error(`level ${level}`, { cause: error });
      return error as Error;
    };
    const causes = (error: unknown): Error[] => {
      const found: Error[] = [];
      for (let cause = (error as Error).cause; cause instanceof Error; cause = cause.cause) found.push(cause);
      return found;
    };

    test("three levels of causes, no more", async () => {
      const s = stubClient({ api: () => Promise.reject(chain(5)), accessToken: "t-causes-1234", maxRetries: 0 });
      const error = await failure(s.client.consents.getStatus(consent));
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(causes(error).map((cause) => cause.message)).toEqual(["level 1", "level 2", "level 3"]);
    });

    test("a string or number code is kept; any other code, or none, is not invented", async () => {
      const withCode = (code: unknown) => Promise.reject(Object.assign(new Error("boom"), { code }));
      for (const [code, kept] of [
        ["ECONNRESET", "ECONNRESET"],
        [-104, -104],
        [{ secret: "x" }, undefined],
        [undefined, undefined],
      ] as const) {
        const s = stubClient({ api: () => withCode(code), accessToken: "t-codes-1234", maxRetries: 0 });
        const [cause] = causes(await failure(s.client.consents.getStatus(consent)));
        expect(cause).toBeDefined();
        expect(Object.hasOwn(cause as Error, "code")).toBe(kept !== undefined);
        expect((cause as Error & { code?: unknown }).code).toEqual(kept);
      }
    });

    test("a fetch that rejects with something other than an Error: a plain Error named Error, with its text", async () => {
      const s = stubClient({ api: () => Promise.reject("socket closed"), accessToken: "t-string-1234", maxRetries: 0 });
      const error = await failure(s.client.consents.getStatus(consent));
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(error.cause).toMatchObject({ name: "Error", message: "socket closed" });
    });

    test("the cause's stack is its name and message only", async () => {
      const s = stubClient({
        api: () => Promise.reject(new TypeError("fetch failed")),
        accessToken: "t-stack-1234",
        maxRetries: 0,
      });
      const [cause] = causes(await failure(s.client.consents.getStatus(consent)));
      expect(cause?.stack).toBe("TypeError: fetch failed");
    });

    test("with no credential in play, the message is left as it is", async () => {
      // A raw call to the token endpoint from a client with a provider token: no credential is sent or known.
      const planky = createPlankyClient({
        accessToken: async () => "t-provider-1234",
        baseUrl: BASE_URL,
        maxRetries: 0,
        fetch: () => Promise.reject(new TypeError("socket hang up")),
      });
      const error = await failure(
        planky.raw.POST("/oauth/v2/token", {
          body: { client_id: "id", client_secret: "s", grant_type: "client_credentials" },
        }),
      );
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(error.message).toBe("Connection error: socket hang up");
    });
  });
});

describe("credentials a server echoes back", () => {
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

  describe("a server that echoes only the bare credential, without its Bearer / AppUserToken prefix", () => {
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
      [
        "a provided access token in a 404",
        PROVIDED,
        { api: echoBare(404), accessToken: async () => PROVIDED },
        "create",
      ],
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

  describe("credentials echoed JSON-escaped (PHP's json_encode also escapes `/` as `\\/`)", () => {
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
      expect((error as OAuthError).body).toMatchObject({
        received: expect.stringContaining('"client_id":"client-id"'),
      });
      expectNoForm(error, CLIENT_SECRET);
    });
  });
});
