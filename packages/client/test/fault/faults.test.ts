/**
 * The client against a real misbehaving server over real sockets. Every case ends in success or the right typed
 * error, and the server's log shows how many attempts reached it.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  createPlankyClient,
  InvalidResponseError,
  type PlankyClientOptions,
} from "../../src/index";
import {
  type FaultServer,
  ok,
  resetMidResponse,
  shortBody,
  slowHeaders,
  startFaultServer,
  truncatedJson,
} from "./fault-server";

const CONSENT = { consent_id: "abc", status: "Authorised" };
const CUSTOMER = { id: "1234", user_reference: "user-42" };
let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server?.stop());

function client(options: Partial<PlankyClientOptions> = {}) {
  return createPlankyClient({
    accessToken: "fault-test-token",
    baseUrl: server.url,
    initialRetryDelay: 1,
    maxRetryDelay: 5,
    timeout: 2_000,
    ...options,
  });
}
const getStatus = (options: Partial<PlankyClientOptions> = {}) =>
  client(options).consents.getStatus({ bankSlug: "barclays", customerToken: "ct-1" });
const createCustomer = (options: Partial<PlankyClientOptions> = {}) =>
  client(options).customers.create({ user_reference: "user-42" });

describe("connection reset mid-response", () => {
  test("GET: retried on a new connection, then succeeds (2 attempts)", async () => {
    server.plan(resetMidResponse(CONSENT), ok(CONSENT));
    await expect(getStatus()).resolves.toEqual(CONSENT);
    expect(server.log).toHaveLength(2);
  });

  test("GET: a reset on every attempt ends in APIConnectionError after 1 + maxRetries attempts", async () => {
    server.plan(resetMidResponse(CONSENT));
    await expect(getStatus()).rejects.toBeInstanceOf(APIConnectionError);
    expect(server.log).toHaveLength(3);
  });

  test("POST create: not retried, the customer may exist now (1 attempt)", async () => {
    server.plan(resetMidResponse(CUSTOMER), ok(CUSTOMER));
    await expect(createCustomer()).rejects.toBeInstanceOf(APIConnectionError);
    expect(server.log).toHaveLength(1);
  });
});

describe("slow headers past the timeout", () => {
  test("each attempt times out: APIConnectionTimeoutError after 2 attempts with maxRetries 1", async () => {
    // The server would answer after 60 s (stop() cancels it); any time well under that is "gave up first", even on
    // a loaded machine.
    server.plan(slowHeaders(60_000));
    const started = performance.now();
    await expect(getStatus({ timeout: 400, maxRetries: 1 })).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.log).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(30_000); // gave up long before the server answered
  });

  test("slow once, then on time: succeeds on the retry", async () => {
    // 1.5 s: the prompt answer of the retry must arrive in time on a loaded machine too; the slow one takes 4 s.
    server.plan(slowHeaders(4_000, ok(CONSENT)), ok(CONSENT));
    await expect(getStatus({ timeout: 1_500 })).resolves.toEqual(CONSENT);
    expect(server.log).toHaveLength(2);
  });

  test("POST create: a timeout is not retried (1 attempt)", async () => {
    server.plan(slowHeaders(4_000, ok(CUSTOMER)));
    await expect(createCustomer({ timeout: 400 })).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.log).toHaveLength(1);
  });
});

describe("503 then 200", () => {
  test("GET succeeds on the second attempt", async () => {
    server.plan(ok({ message: "maintenance" }, 503), ok(CONSENT));
    await expect(getStatus()).resolves.toEqual(CONSENT);
    expect(server.log).toHaveLength(2);
  });

  test("POST create is retried too: 503 says the server did not act", async () => {
    server.plan(ok({ message: "maintenance" }, 503), ok(CUSTOMER));
    await expect(createCustomer()).resolves.toEqual(CUSTOMER);
    expect(server.log.map((a) => a.method)).toEqual(["POST", "POST"]);
  });
});

describe("429 with Retry-After", () => {
  test("waits the server's 1 s, then succeeds (2 attempts)", async () => {
    server.plan(ok({ message: "slow down" }, 429, { "retry-after": "1" }), ok(CUSTOMER));
    await expect(createCustomer({ maxRetryDelay: 2_000 })).resolves.toEqual(CUSTOMER);
    expect(server.log).toHaveLength(2);
    const [first, second] = server.log;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });
});

describe("truncated JSON", () => {
  test("a well-framed 200 whose JSON is cut off: InvalidResponseError, not retried (1 attempt)", async () => {
    server.plan(truncatedJson('{"consent_id":"ab'));
    const error = await getStatus().catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.body).toBe('{"consent_id":"ab');
    expect(server.log).toHaveLength(1);
  });

  test("a body shorter than its Content-Length: a connection error, retried for a GET, then success", async () => {
    server.plan(shortBody('{"consent_id":"ab', 200), ok(CONSENT));
    await expect(getStatus()).resolves.toEqual(CONSENT);
    expect(server.log).toHaveLength(2);
  });
});

describe("connection refused", () => {
  test("even a create is retried (the request never left), then APIConnectionError with ECONNREFUSED", async () => {
    // A port that was just free: bind, note it, close.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const attempts: string[] = [];
    const error = await createCustomer({
      baseUrl: `http://127.0.0.1:${port}`,
      logger: (event) => {
        if (event.type === "connection-error") attempts.push(event.reason ?? "");
      },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toMatch(/^Connection error: ECONNREFUSED /);
    expect(attempts).toHaveLength(3);
  });
});
