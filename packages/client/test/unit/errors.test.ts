/**
 * Errors: one class per status family, the message and its hint from the body, 2xx bodies that are empty or not JSON,
 * and the shape for logging.
 */
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
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
  PlankyError,
  PlankyValidationError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../src/index";
import { CUSTOMER, connectionError, hang, json, stubClient } from "./stub-fetch";

const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

const once = { maxRetries: 0 };

describe("one class per status family", () => {
  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
  ])("%i → %o, carrying status, parsed body, headers and request id", async (code, ErrorClass) => {
    const body = { message: "Something specific", code: "E42" };
    const s = stubClient({ api: () => json(body, code, { "x-request-id": "req-77" }), accessToken: "tok-abc" });
    const error = await s.client.consents.getStatus(consent, once).catch((e) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(PlankyError);
    expect(error.status).toBe(code);
    expect(error.body).toEqual(body);
    expect(error.headers.get("content-type")).toBe("application/json");
    expect(error.requestId).toBe("req-77");
    expect(error.message).toBe(
      `GET /public/v3/webflow/banks/barclays/consent/status failed with HTTP ${code}: Something specific (request id req-77)`,
    );
  });

  test("the hierarchy: API errors under APIError, timeouts under connection errors, aborts apart", () => {
    for (const C of [BadRequestError, RateLimitError, InternalServerError, OAuthError, InvalidResponseError]) {
      expect(C.prototype).toBeInstanceOf(APIError);
    }
    expect(APIConnectionTimeoutError.prototype).toBeInstanceOf(APIConnectionError);
    expect(APIUserAbortError.prototype).not.toBeInstanceOf(APIConnectionError);
    for (const C of [APIError, APIConnectionError, APIUserAbortError, PlankyValidationError]) {
      expect(C.prototype).toBeInstanceOf(PlankyError);
    }
    expect(new APIConnectionTimeoutError("x").name).toBe("APIConnectionTimeoutError");
  });
});

describe("bodies that are not JSON", () => {
  test("an HTML 502 page from a proxy: the raw text is the body, and the message quotes its start", async () => {
    const html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    const s = stubClient({ api: () => new Response(html, { status: 502, headers: { "content-type": "text/html" } }) });
    const error = await s.client.consents.getStatus(consent, once).catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe(html);
    expect(error.message).toContain("502 Bad Gateway");
  });

  test("an error with an empty body has an empty body and a plain message", async () => {
    const s = stubClient({ api: () => new Response(null, { status: 404 }) });
    const error = await s.client.consents.getStatus(consent, once).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.body).toBe("");
    expect(error.message).toBe("GET /public/v3/webflow/banks/barclays/consent/status failed with HTTP 404");
  });

  test.each([
    ["empty", "", "an empty body"],
    ["truncated JSON", '{"id":"12', "not valid JSON"],
    ["HTML", "<html>maintenance</html>", "not valid JSON"],
  ])("a 2xx with a %s body is an InvalidResponseError, not undefined", async (_name, text, message) => {
    const s = stubClient({ api: () => new Response(text, { status: 200 }) });
    const error = await s.client.customers.create({ user_reference: "u" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.status).toBe(200);
    expect(error.body).toBe(text);
    expect(error.message).toContain(message);
  });

  test("a 2xx that carries a credential withholds a malformed body from the error", async () => {
    const s = stubClient({ api: () => new Response('{"token":"cust-secret-9', { status: 200 }) });
    const error = await s.client.customers.createToken({ customerId: "1234" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(inspect(error)).not.toContain("cust-secret-9");
    expect(error.body).toMatch(/withheld/);
  });
});

describe("shape for logging", () => {
  test("toJSON lists the safe fields; the Response stays reachable but not enumerable", async () => {
    const s = stubClient({ api: () => json({ message: "nope" }, 409, { "request-id": "r-1" }) });
    const error = await s.client.customers.create({ user_reference: "u" }).catch((e) => e);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ConflictError",
      message: "POST /public/v3/customers failed with HTTP 409: nope (request id r-1)",
      status: 409,
      method: "POST",
      url: "https://planky.test/public/v3/customers",
      requestId: "r-1",
      body: { message: "nope" },
    });
    expect(error.response).toBeInstanceOf(Response);
    expect(Object.keys(error)).not.toContain("response");
    expect(inspect(error)).not.toContain("Response {");
    expect(String(error)).toBe(`ConflictError: ${error.message}`);
  });

  test("a connection error keeps the socket code in a plain cause", async () => {
    const s = stubClient({
      api: () => {
        throw connectionError("ECONNREFUSED");
      },
    });
    const error = await s.client.consents.getStatus(consent, once).catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toMatch(/^Connection error: ECONNREFUSED /);
    expect(error.cause).toMatchObject({ name: "TypeError", message: "fetch failed" });
    expect(error.cause.cause).toMatchObject({ code: "ECONNREFUSED" });
  });

  test("a resolved call leaves nothing behind: the logger saw one response", async () => {
    const s = stubClient({ api: () => json(CUSTOMER) });
    await s.client.customers.create({ user_reference: "u" });
    expect(s.events.map((e) => [e.type, e.url, e.status])).toEqual([
      ["response", "POST https://planky.test/oauth/v2/token", 200],
      ["response", "POST https://planky.test/public/v3/customers", 200],
    ]);
  });

  test("APIError.url is the full URL with its query; the log event's url is the method, origin and path", async () => {
    const s = stubClient({ api: () => json({}, 404), accessToken: "tok-abc" });
    const error = await s.client.customers.findByUserReference({ userReference: "user-42" }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      method: "GET",
      url: "https://planky.test/public/v3/customers?by-user-reference=user-42",
    });
    expect(s.events.map((e) => e.url)).toEqual(["GET https://planky.test/public/v3/customers"]);
  });

  test("a logger that throws does not break the call", async () => {
    const s = stubClient({
      api: () => json(CUSTOMER),
      logger: () => {
        throw new Error("log sink down");
      },
    });
    await expect(s.client.customers.create({ user_reference: "u" })).resolves.toEqual(CUSTOMER);
  });
});

describe("what an error shows", () => {
  const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

  const PATH = "/public/v3/webflow/banks/barclays/consent/status";

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("the call should fail");
      },
      (error: Error) => error,
    );

  describe("every error carries its class name, also in String(error)", () => {
    test.each([
      ["OAuthError", () => stubClient({ api: () => json({}), token: () => json({ error: "invalid_client" }, 400) })],
      ["InvalidResponseError", () => stubClient({ api: () => new Response("not json") })],
      ["APIConnectionError", () => stubClient({ api: () => Promise.reject(connectionError("ECONNRESET")) })],
      ["APIConnectionTimeoutError", () => stubClient({ api: hang, timeout: 5 })],
    ] as const)("%s", async (name, make) => {
      const error = await failure(make().client.customers.create({ user_reference: "u" }, { maxRetries: 0 }));
      expect(error.name).toBe(name);
      expect(String(error)).toMatch(new RegExp(`^${name}: `));
    });

    test("APIUserAbortError", async () => {
      const s = stubClient({ api: hang });
      const error = await failure(s.client.consents.getStatus(consent, { signal: AbortSignal.abort() }));
      expect(error.name).toBe("APIUserAbortError");
    });

    test("PlankyError itself", () => {
      expect(new PlankyError("boom").name).toBe("PlankyError");
      expect(String(new PlankyError("boom"))).toBe("PlankyError: boom");
    });

    test("PlankyValidationError serializes its field", async () => {
      const s = stubClient({ api: () => json({}) });
      const error = await failure(s.client.consents.getStatus({ ...consent, bankSlug: "" }));
      expect(error).toBeInstanceOf(PlankyValidationError);
      expect(JSON.parse(JSON.stringify(error))).toEqual({
        name: "PlankyValidationError",
        message: error.message,
        field: "bankSlug",
      });
    });
  });

  describe("the message quotes a short hint from the body", () => {
    const errorFor = async (body: BodyInit | null, headers: Record<string, string> = {}) => {
      const s = stubClient({ api: () => new Response(body, { status: 400, headers }), accessToken: "tok-abc" });
      return (await failure(s.client.consents.getStatus(consent))) as APIError;
    };

    test("a text body: trimmed, and at most 120 characters of it", async () => {
      const page = `\n  <h1>Bad request</h1>${"x".repeat(500)}END`;
      const error = await errorFor(page);
      expect(error.message).toBe(`GET ${PATH} failed with HTTP 400: ${page.trim().slice(0, 120)}`);
      expect(error.body).toBe(page); // the body itself stays whole
    });

    test("a JSON `message` that is not a string is not quoted", async () => {
      const error = await errorFor(JSON.stringify({ message: { en: "Bad" }, error: 42 }), {
        "content-type": "application/json",
      });
      expect(error.message).toBe(`GET ${PATH} failed with HTTP 400`);
    });

    test("a body of only whitespace adds nothing", async () => {
      const error = await errorFor("   \n ");
      expect(error.message).toBe(`GET ${PATH} failed with HTTP 400`);
    });
  });
});

describe("statuses", () => {
  const consent = (customerToken = "cust-token-1") => ({ bankSlug: "barclays", customerToken });

  /** Settles `promise` and returns what it rejected with (`undefined` if it resolved). */
  const rejection = (promise: Promise<unknown>): Promise<unknown> =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  /** Every string in a JSON-like value, keys included. */

  describe("each status gets exactly its own error class", () => {
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

  describe("a 204, 205 or 304 without a body is an answer, not a connection error", () => {
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
});

describe("2xx bodies", () => {
  const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

  test("a body of only whitespace is reported as empty", async () => {
    const s = stubClient({ api: () => new Response(" \n ", { status: 200 }), accessToken: "t" });
    const error = await s.client.consents.getStatus(consent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/an empty body/);
  });

  test("a 204 is an InvalidResponseError whose body is empty", async () => {
    const s = stubClient({ api: () => new Response(null, { status: 204 }), accessToken: "t" });
    const error = await s.client.consents.getStatus(consent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toBe("");
  });
});
