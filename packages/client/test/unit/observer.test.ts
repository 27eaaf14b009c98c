/**
 * The request loop's one observer (`internal/observer.ts`): what the logger and an `instrumentation` receive, event
 * by event, pinned whole, so an extra field (one that could carry a credential) fails here.
 */
import { describe, expect, test } from "vitest";
import { type Instrumentation, InvalidResponseError } from "../../src/index";
import { responseValidator } from "../../src/validate";
import { connectionError, json, stubClient } from "./stub-fetch";

const ROUTE = "/public/v3/customers/{customer_id}/banks";
const URL_LINE = "GET https://planky.test/public/v3/customers/c-1/banks";

/** An instrumentation that writes down every call it gets, as text. */
function recorder() {
  const lines: string[] = [];
  const instrumentation: Instrumentation = {
    call(call, baseUrl) {
      lines.push(`call ${JSON.stringify(call)} ${baseUrl}`);
      return {
        attempt(attempt) {
          lines.push(`attempt ${attempt}`);
          return (response, error) =>
            lines.push(`ended ${JSON.stringify(response)} ${error === undefined ? "-" : (error as Error).name}`);
        },
        end(error) {
          lines.push(`end ${error === undefined ? "-" : (error as Error).name}`);
        },
      };
    },
  };
  return { lines, instrumentation };
}

describe("the logger's events", () => {
  test("a retried 503, then the answer: response, retry, response; nothing else", async () => {
    const s = stubClient({
      accessToken: "access-token-1",
      api: (_request, n) => (n === 1 ? json({}, 503) : json({ data: [] }, 200)),
    });
    await s.client.customers.listBanks({ customerId: "c-1" });
    const events = s.events.map(({ durationMs, delayMs, ...rest }) => ({
      ...rest,
      durationMs: typeof durationMs,
      delayMs: typeof delayMs,
    }));
    expect(events).toEqual([
      {
        type: "response",
        attempt: 1,
        status: 503,
        durationMs: "number",
        delayMs: "undefined",
        method: "GET",
        url: URL_LINE,
      },
      {
        type: "retry",
        attempt: 1,
        status: 503,
        durationMs: "undefined",
        delayMs: "number",
        method: "GET",
        url: URL_LINE,
      },
      {
        type: "response",
        attempt: 2,
        status: 200,
        durationMs: "number",
        delayMs: "undefined",
        method: "GET",
        url: URL_LINE,
      },
    ]);
    expect(Object.keys(s.events[1] ?? {})).toEqual(["type", "attempt", "status", "delayMs", "method", "url"]);
  });

  test("a connection error, retried: its class as the reason, a duration, then the retry with the same reason", async () => {
    const s = stubClient({
      accessToken: "access-token-1",
      maxRetries: 1,
      api: () => Promise.reject(connectionError("ECONNRESET")),
    });
    await expect(s.client.customers.listBanks({ customerId: "c-1" })).rejects.toThrow(/ECONNRESET/);
    expect(s.events.map((event) => [event.type, event.attempt, event.reason, event.status])).toEqual([
      ["connection-error", 1, "APIConnectionError", undefined],
      ["retry", 1, "APIConnectionError", undefined],
      ["connection-error", 2, "APIConnectionError", undefined],
    ]);
    expect(Object.keys(s.events[0] ?? {})).toEqual(["type", "attempt", "durationMs", "reason", "method", "url"]);
    expect(s.events[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(s.events[1]?.delayMs).toBeGreaterThan(0);
  });

  test("durationMs runs from the attempt's start to its answer or failure", async () => {
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const s = stubClient({
      accessToken: "access-token-1",
      maxRetries: 1,
      api: async (_request, n) => {
        await later(30);
        if (n === 1) throw connectionError("ECONNRESET");
        return json({ data: [] });
      },
    });
    await s.client.customers.listBanks({ customerId: "c-1" });
    const timed = s.events.filter((event) => event.durationMs !== undefined);
    expect(timed.map((event) => event.type)).toEqual(["connection-error", "response"]);
    for (const event of timed) expect(event.durationMs).toBeGreaterThanOrEqual(25);
  });

  test("the query is not in the log line's URL; the filled-in path is", async () => {
    const s = stubClient({ accessToken: "access-token-1", api: () => json({ data: [] }) });
    await s.client.customers.findByUserReference({ userReference: "ada-42" });
    expect(s.events.map((event) => event.url)).toEqual(["GET https://planky.test/public/v3/customers"]);
  });

  test("a response check's warning comes as response_mismatch with the attempt", async () => {
    const s = stubClient({
      accessToken: "access-token-1",
      validateResponses: responseValidator("warn"),
      api: () => json({ data: "x" }),
    });
    // "warn" lets the answer through; the list's own envelope check then refuses a `data` that is not an array.
    await expect(s.client.customers.listBanks({ customerId: "c-1" })).rejects.toThrow(InvalidResponseError);
    expect(s.events[1]).toEqual({
      type: "response_mismatch",
      attempt: 1,
      operationId: "listCustomerBanks",
      status: 200,
      violations: [{ where: "/data", message: "must be array" }],
      method: "GET",
      url: URL_LINE,
    });
  });

  test("an abort is not logged; a logger that throws does not break the call", async () => {
    const aborted = stubClient({ accessToken: "a-token-123", api: () => new Promise(() => {}) });
    const controller = new AbortController();
    const pending = aborted.client.customers.listBanks({ customerId: "c-1" }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toThrow(/aborted/);
    expect(aborted.events).toEqual([]);
    const broken = stubClient({
      accessToken: "a-token-123",
      logger: () => {
        throw new Error("logger down");
      },
      api: () => json({ data: [] }),
    });
    await expect(broken.client.customers.listBanks({ customerId: "c-1" })).resolves.toEqual([]);
  });
});

describe("an instrumentation", () => {
  test("gets the method and route, each attempt's status and request id, and the end; beside a logger", async () => {
    const r = recorder();
    const s = stubClient({
      accessToken: "access-token-1",
      instrumentation: r.instrumentation,
      api: (_request, n) => (n === 1 ? json({}, 503, { "x-request-id": "r-1" }) : json({ data: [] })),
    });
    await s.client.customers.listBanks({ customerId: "c-1" });
    expect(r.lines).toEqual([
      `call {"method":"GET","path":"${ROUTE}"} https://planky.test`,
      "attempt 1",
      'ended {"status":503,"requestId":"r-1"} -',
      "attempt 2",
      'ended {"status":200} -',
      "end -",
    ]);
    expect(s.events.map((event) => event.type)).toEqual(["response", "retry", "response"]);
  });

  test("an attempt without an answer ends with the redacted error; an abort with APIUserAbortError", async () => {
    const r = recorder();
    const s = stubClient({
      accessToken: "access-token-1",
      instrumentation: r.instrumentation,
      logger: undefined,
      maxRetries: 0,
      api: () => Promise.reject(connectionError("ECONNREFUSED")),
    });
    await expect(s.client.customers.listBanks({ customerId: "c-1" })).rejects.toThrow();
    expect(r.lines.slice(1)).toEqual(["attempt 1", "ended undefined APIConnectionError", "end APIConnectionError"]);
    const hung = recorder();
    const aborted = stubClient({
      accessToken: "a-token-123",
      instrumentation: hung.instrumentation,
      api: () => new Promise(() => {}),
    });
    const controller = new AbortController();
    const pending = aborted.client.customers.listBanks({ customerId: "c-1" }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toThrow(/aborted/);
    expect(hung.lines.slice(1)).toEqual(["attempt 1", "ended undefined APIUserAbortError", "end APIUserAbortError"]);
  });
});
