/**
 * Walks every error path with recognisable secrets in play and searches everything the client produces — error
 * messages, toString, JSON, util.inspect (hidden fields and causes included), stacks, logger events, console
 * output — for them. Servers here misbehave on purpose: they echo the credentials they received.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { PlankyLogEvent } from "../../src/index";
import { CLIENT_SECRET, CUSTOMER, hang, json, type StubOptions, stubClient } from "./stub-fetch";

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
