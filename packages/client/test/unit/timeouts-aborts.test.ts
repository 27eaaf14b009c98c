/**
 * Timeouts and aborts: each attempt's timeout (body included), the caller's `AbortSignal`, and what a call leaves
 * behind.
 */

import { getEventListeners } from "node:events";
import { describe, expect, test, vi } from "vitest";
import { APIConnectionTimeoutError, APIUserAbortError } from "../../src/index";
import { CUSTOMER, connectionError, hang, INVITATION_REQUEST, json, stubClient } from "./stub-fetch";

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

describe("aborts and timers, whatever the call", () => {
  const consent = (customerToken = "cust-token-1") => ({ bankSlug: "barclays", customerToken });

  /** Settles `promise` and returns what it rejected with (`undefined` if it resolved). */
  const rejection = (promise: Promise<unknown>): Promise<unknown> =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  /** Every string in a JSON-like value, keys included. */

  describe("aborting a call mid-request rejects with APIUserAbortError, whatever the method", () => {
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

  describe("no timer keeps the process alive after a call", () => {
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
      // At most as many as before: an earlier test's timer may have fired meanwhile (a retry's backoff lets time
      // pass, and on a loaded machine it did), but none of this call's may remain.
      expect(refedTimers()).toBeLessThanOrEqual(before);
    });
  });
});

describe("a caller's long-lived AbortSignal", () => {
  const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

  test("keeps no listener after calls that succeed, fail or retry", async () => {
    const shutdown = new AbortController();
    const s = stubClient({ api: (_r, call) => (call % 3 === 0 ? json({}, 503) : json({ status: "Authorised" })) });
    for (let i = 0; i < 300; i++) {
      await s.client.consents.getStatus(consent, { signal: shutdown.signal }).catch(() => {});
    }
    await s.client.customers.create({ user_reference: "u" }, { signal: shutdown.signal });
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });

  test("still aborts a call in flight", async () => {
    const shutdown = new AbortController();
    const s = stubClient({ api: () => new Promise<Response>(() => {}) });
    const call = s.client.consents.getStatus(consent, { signal: shutdown.signal });
    setTimeout(() => shutdown.abort(), 1);
    await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });
});

describe("aborts and the logger", () => {
  const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

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
