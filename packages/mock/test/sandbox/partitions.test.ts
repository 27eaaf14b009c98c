/**
 * Partitions by client id: two suites with their own client ids run at the same time against one sandbox (Prism in
 * front) through the real `@planky-kit/client`, with the same `user_reference`, and see nothing of each other:
 * customers, invitations, consents, receivers and their deliveries; a partition reset leaves the other intact.
 */
import { createPlankyClient, NotFoundError, type PlankyClient } from "@planky-kit/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index";
import { type Receiver, startReceiver } from "./support";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
}, 180_000);
afterAll(() => sandbox?.stop());

const control = async (path: string, body?: unknown) => {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, path).toBe(200);
  return response.json();
};

interface SuiteResult {
  clientId: string;
  planky: PlankyClient;
  receiver: Receiver;
  customerId: string;
  invitationId: string;
}

/** One suite's flow, as a team would write it; every check is about its own data only. */
async function suite(clientId: string): Promise<SuiteResult> {
  const planky = createPlankyClient({ clientId, clientSecret: "s", baseUrl: sandbox.url, maxRetries: 0 });
  const receiver = await startReceiver();
  await planky.webhooks.create({ url: receiver.url });
  const customer = await planky.customers.create({ user_reference: "user-42" });
  const invitation = await planky.invitations.create({ email: "a@example.com", reference: "user-42" });
  const { token } = await planky.customers.createToken({ customerId: customer.id });
  const delivered = receiver.next();
  await control("consents", { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" });
  expect(JSON.parse(await delivered)).toMatchObject({ customer_id: Number(customer.id) });
  const status = await planky.consents.getStatus({ bankSlug: "barclays", customerToken: token });
  expect(status.status).toBe("Authorised");
  return { clientId, planky, receiver, customerId: customer.id, invitationId: invitation.id };
}

test("two suites with their own client ids share one sandbox and see nothing of each other", async () => {
  const [a, b] = await Promise.all([suite("suite-a"), suite("suite-b")]);
  try {
    expect(a.customerId).not.toBe(b.customerId);
    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const invitations = [];
      for await (const invitation of own.planky.invitations.list()) invitations.push(invitation.id);
      expect(invitations).toEqual([own.invitationId]);
      const found = await own.planky.customers.findByUserReference({ userReference: "user-42" });
      expect(found.map((c) => c.id)).toEqual([own.customerId]);
      // The other partition's customer is as unknown as one that never existed.
      await expect(own.planky.customers.createToken({ customerId: other.customerId })).rejects.toThrow(NotFoundError);
      // Each receiver got its own suite's one webhook, and the deliveries list per client id holds only it.
      expect(own.receiver.bodies.map((body) => JSON.parse(body).customer_id)).toEqual([Number(own.customerId)]);
      const { data } = await control(`webhooks/deliveries?client_id=${own.clientId}`);
      expect(data.map((d: { payload: { customer_id: number } }) => d.payload.customer_id)).toEqual([
        Number(own.customerId),
      ]);
    }

    // A partition reset forgets suite A only (the client gets a new token after the 401 and finds nothing);
    // suite B's token and customer are untouched.
    await control("reset", { client_id: "suite-a" });
    expect(await a.planky.customers.findByUserReference({ userReference: "user-42" })).toEqual([]);
    expect((await b.planky.customers.findByUserReference({ userReference: "user-42" }))[0]?.id).toBe(b.customerId);
    // `?client_id=` works too.
    await control("reset?client_id=suite-b", {});
    expect(await b.planky.customers.findByUserReference({ userReference: "user-42" })).toEqual([]);
  } finally {
    await Promise.all([a.receiver.stop(), b.receiver.stop()]);
  }
}, 60_000);

test("a reset without a client id forgets every partition", async () => {
  const planky = createPlankyClient({ clientId: "suite-c", clientSecret: "s", baseUrl: sandbox.url, maxRetries: 0 });
  const other = createPlankyClient({ clientId: "suite-d", clientSecret: "s", baseUrl: sandbox.url, maxRetries: 0 });
  await planky.customers.create({ user_reference: "c-1" });
  await other.customers.create({ user_reference: "d-1" });
  const response = await fetch(`${sandbox.url}/_sandbox/reset`, { method: "POST" });
  expect(await response.json()).toEqual({ reset: true });
  expect(await planky.customers.findByUserReference({ userReference: "c-1" })).toEqual([]);
  expect(await other.customers.findByUserReference({ userReference: "d-1" })).toEqual([]);
});

test("a reset naming client_id with a non-string is a 400 naming client_id", async () => {
  const response = await fetch(`${sandbox.url}/_sandbox/reset`, { method: "POST", body: '{"client_id":5}' });
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ errors: [{ in: "body", field: "client_id" }] });
});
