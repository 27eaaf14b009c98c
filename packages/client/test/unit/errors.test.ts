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
import { CUSTOMER, connectionError, json, stubClient } from "./stub-fetch";

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
    expect(error.message).toBe("Connection error: ECONNREFUSED");
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
