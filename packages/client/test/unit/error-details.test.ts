/**
 * What an error shows when it is logged: its class name, a short hint from the body, the fields `toJSON()` keeps.
 * Found by mutation testing: these had no exact assertion.
 */
import { describe, expect, test } from "vitest";
import { type APIError, PlankyError, PlankyValidationError } from "../../src/index";
import { connectionError, hang, json, stubClient } from "./stub-fetch";

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
