/**
 * Retry and logging details found by mutation testing: which calls repeat after a 500, what a malformed
 * `Retry-After` does, whether an abort cuts a backoff after a connection error, what the logger measures.
 */
import { describe, expect, test } from "vitest";
import { APIUserAbortError, InternalServerError, InvalidResponseError } from "../../src/index";
import { CUSTOMER, connectionError, json, stubClient } from "./stub-fetch";

const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

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

describe("Retry-After", () => {
  test("text before an HTTP date makes it unreadable: the normal backoff applies, the call is retried", async () => {
    const s = stubClient({
      api: (_r, n) => (n === 1 ? json({}, 503, { "retry-after": "x, Fri, 01 Jan 2100 00:00:00 GMT" }) : json(CUSTOMER)),
    });
    await expect(s.client.customers.create({ user_reference: "u" })).resolves.toEqual(CUSTOMER);
    expect(s.api()).toHaveLength(2);
  });
});

describe("aborts and the logger", () => {
  test("an abort during the backoff after a connection error stops the wait at once", async () => {
    const controller = new AbortController();
    const s = stubClient({
      api: () => {
        setTimeout(() => controller.abort(), 1);
        return Promise.reject(connectionError("ECONNRESET"));
      },
      initialRetryDelay: 60_000,
      maxRetryDelay: 60_000,
    });
    const started = Date.now();
    const error = await s.client.consents.getStatus(consent, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(s.api()).toHaveLength(1);
  });

  test("durations are the attempt's elapsed milliseconds, and a connection error's retry is logged", async () => {
    const s = stubClient({
      api: (_r, n) => (n === 1 ? Promise.reject(connectionError("ECONNRESET")) : json({ consent_id: "c" })),
    });
    await s.client.consents.getStatus(consent);
    expect(s.events.map((e) => e.type)).toEqual(["connection-error", "retry", "response"]);
    for (const event of s.events.filter((e) => e.type !== "retry")) {
      expect(event.durationMs).toBeGreaterThanOrEqual(0);
      expect(event.durationMs).toBeLessThan(10_000);
    }
  });
});

describe("2xx bodies", () => {
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
