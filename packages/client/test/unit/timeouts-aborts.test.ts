import { describe, expect, test, vi } from "vitest";
import { APIConnectionTimeoutError, APIUserAbortError, PlankyValidationError } from "../../src/index";
import { CUSTOMER, hang, json, stubClient } from "./stub-fetch";

const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

describe("timeout", () => {
  test("slow headers: each attempt times out, a GET is retried, then APIConnectionTimeoutError", async () => {
    const s = stubClient({ api: hang, timeout: 5, maxRetries: 1 });
    const error = await s.client.consents.getStatus(consent).catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.message).toBe("The request timed out after 5 ms.");
    expect(s.api()).toHaveLength(2);
    expect(s.events.filter((e) => e.type === "connection-error").map((e) => e.reason)).toEqual([
      "APIConnectionTimeoutError",
      "APIConnectionTimeoutError",
    ]);
  });

  test("a per-call timeout overrides the client's", async () => {
    const s = stubClient({ api: hang, timeout: 60_000, maxRetries: 0 });
    await expect(s.client.consents.getStatus(consent, { timeout: 5 })).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
  });

  test("a custom fetch that ignores the abort signal still times out", async () => {
    const s = stubClient({ api: () => new Promise<Response>(() => {}), timeout: 5, maxRetries: 0 });
    await expect(s.client.consents.getStatus(consent)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  test("the timeout covers the body: headers on time, body never finishes", async () => {
    const stalled = () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"id":')) }), {
        status: 200,
      });
    const s = stubClient({ api: stalled, timeout: 5, maxRetries: 0 });
    await expect(s.client.consents.getStatus(consent)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  test("a timeout aborts the signal the attempt's fetch was given (the request stops on the network)", async () => {
    const outcomes: Promise<string>[] = [];
    const s = stubClient({
      api: (request) => {
        const pending = hang(request);
        outcomes.push(
          pending.then(
            () => "answered",
            (error: unknown) => `aborted: ${(error as Error).name}`,
          ),
        );
        return pending;
      },
      timeout: 5,
      maxRetries: 0,
    });
    await expect(s.client.consents.getStatus(consent)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(outcomes).toHaveLength(1);
    await expect(outcomes[0]).resolves.toBe("aborted: AbortError");
  });

  test("one client's attempts time out each on its own deadline: a late one does not cut short the others", async () => {
    let releaseSlow: (() => void) | undefined;
    const s = stubClient({
      api: (request) =>
        new URL(request.url).pathname.includes("hsbc")
          ? hang(request)
          : new Promise<Response>((resolve) => {
              releaseSlow = () => resolve(json({ status: "Authorised" }));
            }),
      timeout: 60_000,
      maxRetries: 0,
    });
    const slow = s.client.consents.getStatus(consent);
    const late = s.client.consents.getStatus({ ...consent, bankSlug: "hsbc" }, { timeout: 5 });
    await expect(late).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    releaseSlow?.();
    await expect(slow).resolves.toEqual({ status: "Authorised" });
  });

  test("the default timeout is 30 s, not minutes", async () => {
    vi.useFakeTimers();
    try {
      const s = stubClient({ api: hang, timeout: undefined, maxRetries: 0 });
      const outcome = s.client.consents.getStatus(consent).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(29_999);
      expect(s.api()).toHaveLength(1);
      expect(s.events.some((e) => e.type === "connection-error")).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toBeInstanceOf(APIConnectionTimeoutError);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the caller's AbortSignal", () => {
  test("already aborted: nothing is sent", async () => {
    const s = stubClient({ api: () => json(CUSTOMER) });
    const error = await s.client.consents.getStatus(consent, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(s.requests).toHaveLength(0);
  });

  test("aborted mid-request: APIUserAbortError, never retried", async () => {
    const controller = new AbortController();
    const s = stubClient({
      api: (request) => {
        setTimeout(() => controller.abort(), 1);
        return hang(request);
      },
    });
    await expect(s.client.consents.getStatus(consent, { signal: controller.signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    expect(s.api()).toHaveLength(1);
  });

  test("aborted during the backoff between retries: stops waiting at once", async () => {
    const controller = new AbortController();
    const s = stubClient({
      api: () => {
        setTimeout(() => controller.abort(), 1);
        return json({}, 503);
      },
      initialRetryDelay: 60_000,
      maxRetryDelay: 60_000,
    });
    await expect(s.client.consents.getStatus(consent, { signal: controller.signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    expect(s.api()).toHaveLength(1);
  });

  test("aborted while the access token is being fetched: the caller stops waiting", async () => {
    const controller = new AbortController();
    const s = stubClient({
      api: () => json(CUSTOMER),
      token: (request) => {
        setTimeout(() => controller.abort(), 1);
        return hang(request);
      },
      timeout: 60_000,
    });
    await expect(
      s.client.customers.create({ user_reference: "u" }, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(s.api()).toHaveLength(0);
  });
});

describe("per-call options are validated", () => {
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
