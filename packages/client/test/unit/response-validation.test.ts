/**
 * `validateResponses: responseValidator("warn" | "throw")` from `@planky-kit/client/validate`: every answer is
 * checked against the spec; "warn" logs a `response_mismatch` event and resolves, "throw" rejects with
 * `ResponseValidationError`. Neither carries a value from the body or a credential.
 */
import { describe, expect, test } from "vitest";
import { NotFoundError, PlankyValidationError } from "../../src/index";
import { ResponseValidationError, responseValidator } from "../../src/validate";
import { createWebflowClient } from "../../src/webflow";
import { CLIENT_SECRET, CUSTOMER, json, stubClient } from "./stub-fetch";

const STATUS = {
  consent_id: "consent-1",
  creation_date_time: 1_700_000_000,
  status: "Authorised",
  status_update_date_time: 1_700_000_000,
  permissions: ["ReadAccountsBasic"],
  expiration_date_time: null,
  transaction_from_date_time: 1_600_000_000,
  transaction_to_date_time: 1_700_000_000,
};
const PARAMS = { bankSlug: "barclays", customerToken: "ct-secret-token-123" };

describe("warn", () => {
  test("a conforming answer: no event, the body as always", async () => {
    const { client, events } = stubClient({ api: () => json(STATUS), validateResponses: responseValidator("warn") });
    await expect(client.consents.getStatus(PARAMS)).resolves.toEqual(STATUS);
    expect(events.filter((e) => e.type === "response_mismatch")).toEqual([]);
  });

  test("an unknown enum value resolves, and the logger gets operationId, status and the pointer, not the value", async () => {
    const drifted = { ...STATUS, status: "SecretLookingValue" };
    const { client, events } = stubClient({ api: () => json(drifted), validateResponses: responseValidator("warn") });
    await expect(client.consents.getStatus(PARAMS)).resolves.toEqual(drifted);
    const mismatches = events.filter((e) => e.type === "response_mismatch");
    expect(mismatches).toEqual([
      {
        type: "response_mismatch",
        method: "GET",
        url: "GET https://planky.test/public/v3/webflow/banks/barclays/consent/status",
        attempt: 1,
        operationId: "getConsentStatus",
        status: 200,
        violations: [{ where: "/status", message: "must be equal to one of the allowed values" }],
      },
    ]);
    const serialized = JSON.stringify(events);
    for (const secret of ["SecretLookingValue", PARAMS.customerToken, CLIENT_SECRET]) {
      expect(serialized).not.toContain(secret);
    }
  });

  test("a missing field and a changed type: one violation each, with JSON pointers", async () => {
    const { consent_id: _, ...rest } = STATUS;
    const drifted = { ...rest, creation_date_time: "2026-01-01" };
    const { client, events } = stubClient({ api: () => json(drifted), validateResponses: responseValidator("warn") });
    await client.consents.getStatus(PARAMS);
    expect(events.find((e) => e.type === "response_mismatch")?.violations).toEqual([
      { where: "/consent_id", message: "is required but missing" },
      { where: "/creation_date_time", message: "must be integer" },
    ]);
  });

  test("an error answer is checked too: an undeclared status is reported, the call fails as without the check", async () => {
    const { client, events } = stubClient({
      api: () => json({ error: "gone" }, 410),
      validateResponses: responseValidator("warn"),
    });
    await expect(client.consents.getStatus(PARAMS)).rejects.toMatchObject({ status: 410 });
    expect(events.find((e) => e.type === "response_mismatch")).toMatchObject({
      operationId: "getConsentStatus",
      status: 410,
      violations: [{ where: "status", message: expect.stringMatching(/^HTTP 410 is not declared for this operation/) }],
    });
  });

  test("a declared error with a conforming body: no event", async () => {
    const { client, events } = stubClient({
      api: () => json({ message: "no consent" }, 404),
      validateResponses: responseValidator("warn"),
    });
    await expect(client.consents.getStatus(PARAMS)).rejects.toBeInstanceOf(NotFoundError);
    expect(events.filter((e) => e.type === "response_mismatch")).toEqual([]);
  });

  test("wrong content type, missing content type, non-JSON body", async () => {
    const answers = [
      new Response(JSON.stringify(STATUS), { headers: { "content-type": "text/plain" } }),
      // Bytes, not a string: the Response constructor then adds no content type of its own.
      new Response(new TextEncoder().encode(JSON.stringify(STATUS))),
      new Response("<html>moved</html>", { headers: { "content-type": "application/json" } }),
    ];
    const { client, events } = stubClient({
      api: (_request, call) => answers[call - 1] as Response,
      validateResponses: responseValidator("warn"),
    });
    await client.consents.getStatus(PARAMS);
    await client.consents.getStatus(PARAMS);
    await expect(client.consents.getStatus(PARAMS)).rejects.toThrow(/not valid JSON/);
    expect(events.filter((e) => e.type === "response_mismatch").map((e) => e.violations)).toEqual([
      [{ where: "header content-type", message: "is text/plain, the spec declares application/json" }],
      [{ where: "header content-type", message: "is missing (the spec declares application/json)" }],
      [{ where: "(body)", message: "is not valid JSON" }],
    ]);
  });

  test("a broken logger does not break the call", async () => {
    const { client } = stubClient({
      api: () => json({ ...STATUS, status: "Nope" }),
      validateResponses: responseValidator("warn"),
      logger: () => {
        throw new Error("logger down");
      },
    });
    await expect(client.consents.getStatus(PARAMS)).resolves.toMatchObject({ status: "Nope" });
  });
});

describe("throw", () => {
  test("rejects with ResponseValidationError carrying operationId, status and violations; toJSON has no value", async () => {
    const { client } = stubClient({
      api: () => json({ ...STATUS, status: "SecretLookingValue" }),
      validateResponses: responseValidator("throw"),
    });
    const error = await client.consents.getStatus(PARAMS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({
      name: "ResponseValidationError",
      operationId: "getConsentStatus",
      status: 200,
      violations: [{ where: "/status", message: "must be equal to one of the allowed values" }],
      message:
        "The answer to getConsentStatus (HTTP 200) does not match the spec: /status must be equal to one of the allowed values",
    });
    expect(JSON.stringify(error)).not.toContain("SecretLookingValue");
    expect(JSON.stringify(error)).not.toContain(PARAMS.customerToken);
  });

  test("a conforming answer resolves", async () => {
    const { client } = stubClient({ api: () => json(CUSTOMER), validateResponses: responseValidator("throw") });
    await expect(client.customers.create({ user_reference: "user-42" })).resolves.toEqual(CUSTOMER);
  });

  test("the webflow client takes the same option", async () => {
    const client = createWebflowClient({
      customerToken: "ct-1",
      baseUrl: "https://planky.test",
      fetch: async () => json([{ bank: {}, accounts: [], connected: "yes" }]),
      validateResponses: responseValidator("throw"),
    });
    const error = await client.banks.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).violations).toContainEqual({
      where: "/0/connected",
      message: "must be boolean",
    });
  });
});

describe("ResponseValidationError", () => {
  const error = (violations: { where: string; message: string }[]) =>
    new ResponseValidationError({ operationId: "listAccounts", status: 200, violations });

  test("the message names the first violation and counts the others", () => {
    expect(
      error([
        { where: "/0/id", message: "must be string" },
        { where: "/1/id", message: "must be string" },
        { where: "/2", message: "must be object" },
      ]).message,
    ).toBe("The answer to listAccounts (HTTP 200) does not match the spec: /0/id must be string (and 2 more)");
    expect(
      error([
        { where: "/0/id", message: "must be string" },
        { where: "/1/id", message: "must be string" },
      ]).message,
    ).toMatch(/must be string \(and 1 more\)$/);
    expect(error([{ where: "/0/id", message: "must be string" }]).message).toMatch(/\/0\/id must be string$/);
  });

  test("the whole body is called (body)", () => {
    expect(error([{ where: "", message: "must be array" }]).message).toBe(
      "The answer to listAccounts (HTTP 200) does not match the spec: (body) must be array",
    );
    // Built by hand without violations: the message still ends where the first violation would be named.
    expect(error([]).message).toBe("The answer to listAccounts (HTTP 200) does not match the spec: (body) ");
  });

  test("toJSON carries the operation, the status and every violation", () => {
    const violations = [{ where: "/0/id", message: "must be string" }];
    expect(error(violations).toJSON()).toMatchObject({
      name: "ResponseValidationError",
      operationId: "listAccounts",
      status: 200,
      violations,
    });
  });
});

describe("options", () => {
  test("off by default: a drifted answer resolves with no event", async () => {
    const { client, events } = stubClient({ api: () => json({ ...STATUS, status: "Nope" }) });
    await expect(client.consents.getStatus(PARAMS)).resolves.toMatchObject({ status: "Nope" });
    expect(events.filter((e) => e.type === "response_mismatch")).toEqual([]);
  });

  test("a mode other than warn/throw, or a non-function option, is a typed error naming the field", () => {
    expect(() => responseValidator("loud" as "warn")).toThrow(PlankyValidationError);
    expect(() => responseValidator("loud" as "warn")).toThrow('Invalid "mode": expected "warn" or "throw"');
    expect(responseValidator()).toBeTypeOf("function"); // "warn" by default
    expect(() => stubClient({ api: () => json({}), validateResponses: "warn" as never })).toThrow(
      /Invalid "validateResponses": expected a function/,
    );
  });
});
