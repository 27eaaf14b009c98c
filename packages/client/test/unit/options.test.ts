import { describe, expect, test } from "vitest";
import { createPlankyClient, PlankyValidationError, PRODUCTION_BASE_URL } from "../../src/index";
import * as check from "../../src/internal/validate";
import { createWebflowClient, type WebflowClient } from "../../src/webflow";
import { BASE_URL, CUSTOMER, json, stubClient } from "./stub-fetch";

function validationField(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PlankyValidationError);
    return (error as PlankyValidationError).field;
  }
  throw new Error("expected a PlankyValidationError");
}

describe("client credentials and tokens", () => {
  test.each([
    ["an empty clientId", { clientId: "", clientSecret: "s" }, "clientId"],
    ["a numeric clientId", { clientId: 42, clientSecret: "s" }, "clientId"],
    ["an empty clientSecret", { clientId: "id", clientSecret: "" }, "clientSecret"],
    ["a numeric clientSecret", { clientId: "id", clientSecret: 42 }, "clientSecret"],
    ["an accessToken with a space", { accessToken: "a b" }, "accessToken"],
    ["an empty accessToken", { accessToken: "" }, "accessToken"],
  ])("%s names %s", (_name, options, field) => {
    expect(validationField(() => createPlankyClient(options as never))).toBe(field);
  });

  test("a baseUrl with a user name alone (no password) is refused", () => {
    expect(validationField(() => createPlankyClient({ accessToken: "t", baseUrl: "https://user@example.com" }))).toBe(
      "baseUrl",
    );
  });

  test("trailing slashes on baseUrl, however many, are dropped: from requests and from errors", async () => {
    const urls: string[] = [];
    const planky = createPlankyClient({
      accessToken: "t",
      baseUrl: "https://planky.test//",
      fetch: async (request) => {
        urls.push(request.url);
        return json({ message: "nope" }, 404);
      },
    });
    const error = await planky.customers.create({ user_reference: "u" }).catch((e: unknown) => e);
    expect(urls).toEqual(["https://planky.test/public/v3/customers"]);
    expect((error as { url: string }).url).toBe("https://planky.test/public/v3/customers");
  });

  test("without baseUrl, requests go to production", async () => {
    const urls: string[] = [];
    const planky = createPlankyClient({
      accessToken: "t",
      fetch: async (request) => {
        urls.push(request.url);
        return json({ id: "1", user_reference: "u" });
      },
    });
    await planky.customers.create({ user_reference: "u" });
    expect(PRODUCTION_BASE_URL).toBe("https://api.friendlyscore.com");
    expect(urls).toEqual(["https://api.friendlyscore.com/public/v3/customers"]);
  });
});

describe("methods called without their parameters reject with the field, not a TypeError", () => {
  test.each([
    ["consents.getStatus()", (c: Client) => c.consents.getStatus(undefined as never), "bankSlug"],
    [
      "consents.getStatus({ bankSlug })",
      (c: Client) => c.consents.getStatus({ bankSlug: "b" } as never),
      "customerToken",
    ],
    ["customers.createToken()", (c: Client) => c.customers.createToken(undefined as never), "customerId"],
    [
      "customers.createToken({ customerId: '' })",
      (c: Client) => c.customers.createToken({ customerId: "" }),
      "customerId",
    ],
  ])("%s names %s, nothing sent", async (_name, call, field) => {
    const s = stubClient({ api: () => json({}) });
    const error = await call(s.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect((error as PlankyValidationError).field).toBe(field);
    expect(s.requests).toHaveLength(0);
  });

  test("invitations.list(null) lists with the server's default page size", async () => {
    const s = stubClient({ api: () => json({ page: 1, pages: 1, max_per_page: 10, data: [] }), accessToken: "t" });
    const pages: unknown[] = [];
    for await (const page of s.client.invitations.list(null as never).pages()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(s.api().map((r) => r.path)).toEqual(["/public/v3/invitations"]);
  });
});

type Client = ReturnType<typeof stubClient>["client"];

const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

describe("headers", () => {
  test.each([
    ["a string", "headers", "x-trace: 1"],
    ["an array of pairs", "headers", [["x-trace", "1"]]],
    ["null", "headers", null],
    ["a number value", "headers.x-trace", { "x-trace": 1 }],
    ["an object value", "headers.x-trace", { "x-trace": { id: 1 } }],
  ])("per call, %s: PlankyValidationError naming %s, nothing sent", async (_name, field, headers) => {
    const s = stubClient({ api: () => json({}) });
    const error = await s.client.consents.getStatus(consent, { headers: headers as never }).catch((e) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect(error.field).toBe(field);
    expect(s.requests).toHaveLength(0);
  });

  test.each([
    ["a string", "defaultHeaders", "x-trace: 1"],
    ["a number value", "defaultHeaders.x-trace", { "x-trace": 1 }],
  ])("defaultHeaders, %s: PlankyValidationError naming %s", (_name, field, defaultHeaders) => {
    expect(() => stubClient({ api: () => json({}), defaultHeaders: defaultHeaders as never })).toThrow(
      expect.objectContaining({ name: "PlankyValidationError", field }),
    );
  });
});

describe("per-call options are validated", () => {
  const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

  test.each([
    [{ timeout: 0 }, "timeout"],
    [{ timeout: Number.NaN }, "timeout"],
    [{ maxRetries: -1 }, "maxRetries"],
    [{ maxRetries: 1.5 }, "maxRetries"],
    [{ headers: { "x-trace": "a\r\nInjected: 1" } }, "headers.x-trace"],
  ])("%o is a PlankyValidationError naming %s, and nothing is sent", async (options, field) => {
    const s = stubClient({ api: () => json(CUSTOMER) });
    const error = await s.client.consents.getStatus(consent, options).catch((e) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect(error.field).toBe(field);
    expect(s.requests).toHaveLength(0);
  });

  test.each([
    [{ timeout: -5 }, "timeout"],
    [{ maxRetries: Number.POSITIVE_INFINITY }, "maxRetries"],
    [{ initialRetryDelay: 0 }, "initialRetryDelay"],
    [{ maxRetryDelay: Number.NaN }, "maxRetryDelay"],
    [{ defaultHeaders: { "x-a": "b\nc" } }, "defaultHeaders.x-a"],
    [{ baseUrl: "ftp://example.com" }, "baseUrl"],
    [{ baseUrl: "https://user:pass@example.com" }, "baseUrl"],
    [{ baseUrl: "https://example.com/?a=1" }, "baseUrl"],
  ])("client option %o is a PlankyValidationError naming %s", (options, field) => {
    expect(() => stubClient({ api: () => json({}), ...options })).toThrow(
      expect.objectContaining({ name: "PlankyValidationError", field }),
    );
  });
});

type Server = ReturnType<typeof stubClient>["client"];

type Call<C> = (client: C) => Promise<unknown>;

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

const serverParams: [string, Call<Server>, string][] = [
  ["customers.findByUserReference()", (c) => c.customers.findByUserReference(undefined as never), "userReference"],
  ["customers.listBanks()", (c) => c.customers.listBanks(undefined as never), "customerId"],
  ["customers.listBanks({ customerId: '' })", (c) => c.customers.listBanks({ customerId: "" }), "customerId"],
  ["customers.getBankConsent()", (c) => c.customers.getBankConsent(undefined as never), "customerId"],
  [
    "customers.getBankConsent({ customerId: '', bankSlug })",
    (c) => c.customers.getBankConsent({ customerId: "", bankSlug: "barclays" }),
    "customerId",
  ],
  [
    "customers.getBankConsent({ customerId })",
    (c) => c.customers.getBankConsent({ customerId: "1" } as never),
    "bankSlug",
  ],
  ["webhooks.create('https://…')", (c) => c.webhooks.create("https://example.com/hook" as never), "params"],
];

const webflowParams: [string, Call<WebflowClient>, string][] = [
  ["consents.getStatus()", (c) => c.consents.getStatus(undefined as never), "bankSlug"],
  ["consents.delete()", (c) => c.consents.delete(undefined as never), "bankSlug"],
  ["consents.delete({ bankSlug: '' })", (c) => c.consents.delete({ bankSlug: "" }), "bankSlug"],
  ["consents.createScreen()", (c) => c.consents.createScreen(undefined as never), "params"],
  ["consents.createScreen({})", (c) => c.consents.createScreen({} as never), "bankSlug"],
  ["consents.createBankFlowUrl()", (c) => c.consents.createBankFlowUrl(undefined as never), "params"],
  [
    "consents.createBankFlowUrl({ url })",
    (c) => c.consents.createBankFlowUrl({ url: "https://app.example/back" } as never),
    "bankSlug",
  ],
];

describe("missing or empty parameters name the field; nothing is sent", () => {
  test.each(serverParams)("server %s: %s", async (_name, call, field) => {
    const s = stubClient({ api: () => json({}) });
    const error = await call(s.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect((error as PlankyValidationError).field).toBe(field);
    expect(s.requests).toHaveLength(0);
  });

  test.each(webflowParams)("webflow %s: %s", async (_name, call, field) => {
    const w = webflow(() => json({}));
    const error = await call(w.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect((error as PlankyValidationError).field).toBe(field);
    expect(w.calls()).toBe(0);
  });
});

/** Settles `promise` and returns what it rejected with (`undefined` if it resolved). */
const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Every string in a JSON-like value, keys included. */

describe("a request body that is not a JSON object is refused before anything is sent", () => {
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

describe("the input checks behind every option and parameter: what they accept, and messages saying what was expected", () => {
  /** The message of the PlankyValidationError `run` throws (its field is always `f` or below). */
  function refusal(run: () => unknown): string {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(PlankyValidationError);
      return (error as Error).message;
    }
    throw new Error("expected a PlankyValidationError");
  }

  test("nonEmptyString and pathSegment", () => {
    for (const bad of ["", 5, undefined]) {
      expect(refusal(() => check.nonEmptyString("f", bad))).toBe('Invalid "f": expected a non-empty string');
    }
    expect(check.nonEmptyString("f", "x")).toBe("x");
    for (const dots of [".", ".."]) {
      expect(refusal(() => check.pathSegment("f", dots))).toBe(`Invalid "f": must not be '.' or '..'`);
    }
    expect(check.pathSegment("f", "...")).toBe("...");
    expect(refusal(() => check.pathSegment("f", ""))).toBe('Invalid "f": expected a non-empty string');
  });

  test("credential: one bare token of visible ASCII", () => {
    for (const bad of ["", 7]) {
      expect(refusal(() => check.credential("f", bad, "Bearer"))).toBe('Invalid "f": expected a non-empty string');
    }
    for (const prefixed of ["Bearer abc", "bearer abc", "BEARER abc"]) {
      expect(refusal(() => check.credential("f", prefixed, "Bearer"))).toBe(
        `Invalid "f": pass the bare token; the client adds the 'Bearer ' prefix itself`,
      );
    }
    expect(refusal(() => check.credential("f", "AppUserToken abc", "AppUserToken"))).toBe(
      `Invalid "f": pass the bare token; the client adds the 'AppUserToken ' prefix itself`,
    );
    for (const bad of ["a b", " ab", "ab ", "a\nb", "tökén", "a\u007fb"]) {
      expect(refusal(() => check.credential("f", bad, "Bearer"))).toBe(
        'Invalid "f": must not contain spaces, line breaks, control or non-ASCII characters',
      );
    }
    // The visible ASCII range, ends included; a token that merely starts like the scheme is a token.
    expect(check.credential("f", "!~", "Bearer")).toBe("!~");
    expect(check.credential("f", "Bearerabc", "Bearer")).toBe("Bearerabc");
  });

  test("absoluteUrl and jsonObject", () => {
    expect(refusal(() => check.absoluteUrl("f", "/return"))).toBe('Invalid "f": expected an absolute URL');
    expect(check.absoluteUrl("f", "myapp://return")).toBe("myapp://return");
    for (const bad of [null, [], "{}", 1]) {
      expect(refusal(() => check.jsonObject("f", bad))).toBe('Invalid "f": expected an object');
    }
    const body = { a: 1 };
    expect(check.jsonObject("f", body)).toBe(body);
  });

  test("positiveInteger, positiveMs and nonNegativeInteger", () => {
    for (const bad of [0, -1, 1.5, "1", 2 ** 53, Number.NaN]) {
      expect(refusal(() => check.positiveInteger("f", bad))).toBe('Invalid "f": expected a whole number ≥ 1');
    }
    expect(check.positiveInteger("f", 1)).toBe(1);
    expect(check.positiveMs("f", undefined, 250)).toBe(250);
    expect(check.positiveMs("f", 0.5, 250)).toBe(0.5);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "5", null]) {
      expect(refusal(() => check.positiveMs("f", bad, 250))).toBe(
        'Invalid "f": expected a positive number of milliseconds',
      );
    }
    expect(check.nonNegativeInteger("f", undefined, 2)).toBe(2);
    expect(check.nonNegativeInteger("f", 0, 2)).toBe(0);
    for (const bad of [-1, 1.5, "1", null]) {
      expect(refusal(() => check.nonNegativeInteger("f", bad, 2))).toBe('Invalid "f": expected a whole number >= 0');
    }
  });

  test("headerObject: lower-case names, trimmed values, a Headers object too; refusals name the header", () => {
    expect(check.headerObject("f", { "X-Trace": "  t1 ", accept: "application/json" })).toEqual({
      "x-trace": "t1",
      accept: "application/json",
    });
    expect(check.headerObject("f", new Headers({ "X-Trace": "t2" }))).toEqual({ "x-trace": "t2" });
    for (const bad of [null, [], "x-trace: 1"]) {
      expect(refusal(() => check.headerObject("f", bad))).toBe(
        'Invalid "f": expected an object of header names to string values',
      );
    }
    for (const [name, value] of [
      ["x-a", 1],
      ["x-a", "a\u0000b"],
      ["x-a", "a\u001fb"],
      ["x-a", "a\u007fb"],
      ["bad name", "v"],
    ] as const) {
      expect(refusal(() => check.headerObject("f", { [name]: value }))).toBe(
        `Invalid "f.${name}": expected a string header value without line breaks`,
      );
    }
    // A space inside and the last visible character are fine in a header value.
    expect(check.headerObject("f", { "x-a": "a b~" })).toEqual({ "x-a": "a b~" });
  });

  test("optionalFunction", () => {
    expect(check.optionalFunction("f", undefined)).toBeUndefined();
    const hook = () => {};
    expect(check.optionalFunction("f", hook)).toBe(hook);
    expect(refusal(() => check.optionalFunction("f", "warn"))).toBe('Invalid "f": expected a function');
  });
});
