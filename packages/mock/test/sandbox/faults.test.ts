/**
 * Faults on demand, exercised through the real `@planky-kit/client` against the sandbox (Prism in front): its
 * retries on 429 with `Retry-After` and on 503, its timeout on a slow answer, `APIConnectionError` on a dropped
 * connection; a fault for one client id leaves the others alone; wrong faults are 400s naming the field.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  createPlankyClient,
  type PlankyClient,
  type PlankyLogEvent,
  RateLimitError,
} from "@planky-kit/client";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
}, 180_000);
afterAll(() => sandbox?.stop());
afterEach(() => fetch(`${sandbox.url}/_sandbox/faults`, { method: "DELETE" }));

const control = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
};
const arm = async (fault: Record<string, unknown>) => {
  const armed = await control("POST", "faults", fault);
  expect(armed.status, JSON.stringify(armed.body)).toBe(200);
  return armed.body.fault;
};

function client(clientId: string, events: PlankyLogEvent[] = [], options: { maxRetries?: number } = {}): PlankyClient {
  return createPlankyClient({
    clientId,
    clientSecret: "s",
    baseUrl: sandbox.url,
    maxRetries: options.maxRetries ?? 2,
    initialRetryDelay: 1,
    logger: (event) => events.push(event),
  });
}

test("429 with Retry-After twice, then normal answers: the client waits as told, retries, and succeeds", async () => {
  const events: PlankyLogEvent[] = [];
  const planky = client("faults-429", events);
  await planky.customers.findByUserReference({ userReference: "warm-up" }); // the token first, unfaulted
  await arm({ operation_id: "createCustomer", status: 429, headers: { "retry-after": "1" }, times: 2 });
  const customer = await planky.customers.create({ user_reference: "after-429" });
  expect(customer.user_reference).toBe("after-429");
  const creates = events.filter((e) => e.method === "POST" && e.url.endsWith("/public/v3/customers"));
  expect(creates.filter((e) => e.type === "response").map((e) => e.status)).toEqual([429, 429, 200]);
  expect(creates.filter((e) => e.type === "retry").map((e) => e.delayMs)).toEqual([1000, 1000]);
  expect((await control("GET", "faults")).body.data).toEqual([]);
});

test("a 429 the client does not retry reaches it as RateLimitError with the spec's example body and the headers", async () => {
  const planky = client("faults-429-once", [], { maxRetries: 0 });
  await arm({ operation_id: "listCustomers", status: 429, headers: { "retry-after": "7" } });
  const error = await planky.customers.findByUserReference({ userReference: "x" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect((error as RateLimitError).headers.get("retry-after")).toBe("7");
  // The spec's TooManyRequestsError example, since the fault gave no body.
  expect((error as RateLimitError).body).toEqual({ message: "Too many requests" });
  // Used up: the next call is answered normally.
  expect(await planky.customers.findByUserReference({ userReference: "x" })).toEqual([]);
});

test("503 on the token endpoint for one client id: that client retries and succeeds, another is untouched", async () => {
  const events: PlankyLogEvent[] = [];
  const other: PlankyLogEvent[] = [];
  await arm({ client_id: "faults-503", operation_id: "createAccessToken", status: 503 });
  expect((await control("GET", "faults?client_id=faults-503")).body.data).toHaveLength(1);
  expect((await control("GET", "faults?client_id=someone-else")).body.data).toEqual([]);
  await client("faults-503-other", other).customers.findByUserReference({ userReference: "x" });
  expect(other.filter((e) => e.type === "response").map((e) => e.status)).toEqual([200, 200]);
  await client("faults-503", events).customers.findByUserReference({ userReference: "x" });
  expect(events.filter((e) => e.type === "response").map((e) => e.status)).toEqual([503, 200, 200]);
});

test("delay_ms longer than the client's timeout: APIConnectionTimeoutError", async () => {
  const planky = client("faults-slow", [], { maxRetries: 0 });
  await planky.customers.findByUserReference({ userReference: "warm-up" });
  await arm({ operation_id: "listCustomers", delay_ms: 20_000 });
  const error = await planky.customers
    .findByUserReference({ userReference: "x" }, { timeout: 300 })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIConnectionTimeoutError);
});

test("delay_ms alone, within the timeout: the normal answer comes, just later", async () => {
  const planky = client("faults-late", [], { maxRetries: 0 });
  await planky.customers.create({ user_reference: "late" });
  await arm({ operation_id: "listCustomers", delay_ms: 200 });
  const found = await planky.customers.findByUserReference({ userReference: "late" });
  expect(found.map((c) => c.user_reference)).toEqual(["late"]);
  expect((await control("GET", "faults")).body.data).toEqual([]);
});

test("drop_connection: APIConnectionError, and nothing was created", async () => {
  const planky = client("faults-drop", [], { maxRetries: 0 });
  await planky.customers.findByUserReference({ userReference: "warm-up" });
  await arm({ client_id: "faults-drop", operation_id: "createCustomer", drop_connection: true });
  const error = await planky.customers.create({ user_reference: "dropped" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIConnectionError);
  expect(await planky.customers.findByUserReference({ userReference: "dropped" })).toEqual([]);
});

test("a fault with its own body sends that body", async () => {
  const planky = client("faults-body", [], { maxRetries: 0 });
  await arm({ operation_id: "listCustomers", status: 500, body: { message: "boom", code: "X1" } });
  const error = await planky.customers.findByUserReference({ userReference: "x" }).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 500, body: { message: "boom", code: "X1" } });
});

test("DELETE /_sandbox/faults?client_id= disarms that client id's faults only", async () => {
  await arm({ client_id: "a", operation_id: "createCustomer", status: 500 });
  await arm({ client_id: "b", operation_id: "createCustomer", status: 500 });
  expect((await control("DELETE", "faults?client_id=a")).body).toEqual({ cleared: 1 });
  expect((await control("GET", "faults")).body.data.map((f: { client_id: string }) => f.client_id)).toEqual(["b"]);
});

test.each([
  [{ operation_id: "makeCoffee", status: 500 }, "operation_id"],
  [{ operation_id: "createCustomer", status: 418 }, "status"],
  [{ operation_id: "createCustomer" }, "status"],
  [{ operation_id: "createCustomer", status: 429, body: { message: 5 } }, "body"],
  [{ operation_id: "createCustomer", status: 500, times: 0 }, "times"],
  [{ operation_id: "createCustomer", delay_ms: -1 }, "delay_ms"],
  [{ operation_id: "createCustomer", drop_connection: true, status: 500 }, "drop_connection"],
  [{ operation_id: "createCustomer", status: 500, delayMs: 5 }, "delayMs"],
])("a wrong fault %j is a 400 naming %s", async (fault, field) => {
  const { status, body } = await control("POST", "faults", fault);
  expect(status).toBe(400);
  expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect((await control("GET", "faults")).body.data).toEqual([]);
});
