/**
 * Issue 28's sandbox side, called directly (no Prism; `sandboxCore` checks every API answer against the spec):
 * Pending transactions, booking them (new ids by default, kept with `keep_ids`), removing transactions, each
 * followed by REPORT_UPDATED; webhook faults that repeat or hold back deliveries; and all of it kept by `--state`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type Receiver, sandboxCore, startReceiver } from "./support";

const RETURN_URL = "https://app.test/planky/return";

type Core = Awaited<ReturnType<typeof sandboxCore>>;
interface Tx {
  id: string;
  status: string;
  booking_date_time: number;
  external_transaction_id: string;
  amount: number;
}

/** A customer of `clientId` with an authorised consent at barclays and a receiver for its webhooks. */
async function authorisedCustomer(core: Core, receiverUrl: string, clientId = "feed") {
  const { body: token } = await core.call("POST", "/oauth/v2/token", {
    body: { client_id: clientId, client_secret: "s", grant_type: "client_credentials" },
  });
  const bearer = `Bearer ${token.access_token}`;
  const { body: customer } = await core.call("POST", "/public/v3/customers", {
    auth: bearer,
    body: { user_reference: "ada" },
  });
  const { body: customerToken } = await core.call("POST", `/public/v3/customers/${customer.id}/token`, {
    auth: bearer,
  });
  await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url: receiverUrl } });
  await core.call("POST", "/public/v3/allowed-redirect-urls", { auth: bearer, body: { url: RETURN_URL } });
  const flow = await core.call("POST", `/public/v3/webflow/banks/barclays/redirect?url=${RETURN_URL}`, {
    auth: `AppUserToken ${customerToken.token}`,
  });
  expect((await core.call("GET", new URL(flow.body.url).pathname)).status).toBe(302);
  return { bearer, id: customer.id as string };
}

async function allTransactions(core: Core, who: { bearer: string; id: string }): Promise<Tx[]> {
  const found: Tx[] = [];
  for (let page = 1; ; page += 1) {
    const { status, body } = await core.call(
      "GET",
      `/public/v3/customers/${who.id}/transactions?max_per_page=1000&page=${page}`,
      { auth: who.bearer },
    );
    expect(status).toBe(200);
    found.push(...body.data);
    if (!body._links.next) return found;
  }
}

async function webhookTypes(core: Core): Promise<string[]> {
  const { body } = await core.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
  return body.data.map((d: { webhook_type: string }) => d.webhook_type);
}

let core: Core;
let receiver: Receiver;
let ada: Awaited<ReturnType<typeof authorisedCustomer>>;

beforeEach(async () => {
  core = await sandboxCore();
  receiver = await startReceiver();
  ada = await authorisedCustomer(core, receiver.url);
  return () => receiver.stop();
});

describe("Pending transactions", () => {
  test('status "Pending" adds Pending transactions that Get Transactions shows as Pending, then REPORT_UPDATED', async () => {
    const before = await allTransactions(core, ada);
    const { status, body } = await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays", count: 3, status: "Pending" },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ added: 3, feed: "live" });
    const after = await allTransactions(core, ada);
    const added = after.filter((t) => !before.some((b) => b.id === t.id));
    expect(added.map((t) => t.status)).toEqual(["Pending", "Pending", "Pending"]);
    expect(before.every((t) => t.status === "Booked")).toBe(true);
    expect((await webhookTypes(core)).at(-1)).toBe("REPORT_UPDATED");
  });

  test("without status the new transactions are Booked, as before", async () => {
    await core.call("POST", "/_sandbox/transactions", { body: { customer_id: ada.id, bank_slug: "barclays" } });
    expect((await allTransactions(core, ada)).every((t) => t.status === "Booked")).toBe(true);
  });

  test("a status other than Booked or Pending is refused naming status", async () => {
    const { status, body } = await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays", status: "Settled" },
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ in: "body", field: "status", problem: 'must be "Booked" or "Pending"' }]);
  });
});

describe("booking", () => {
  async function addPending(count: number) {
    const before = new Set((await allTransactions(core, ada)).map((t) => t.id));
    await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays", count, status: "Pending" },
    });
    return (await allTransactions(core, ada)).filter((t) => !before.has(t.id));
  }

  test("by default each Pending transaction becomes Booked under a new id, the Pending one gone", async () => {
    const pending = await addPending(2);
    await core.call("POST", "/_sandbox/clock", { body: { advance_days: 2 } });
    const { status, body } = await core.call("POST", "/_sandbox/transactions/book", { body: { customer_id: ada.id } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ keep_ids: false, feed: "live" });
    expect(body.booked.map((b: { pending_id: string }) => b.pending_id).sort()).toEqual(
      pending.map((t) => t.id).sort(),
    );
    const after = await allTransactions(core, ada);
    const ids = new Set(after.map((t) => t.id));
    for (const { pending_id, id } of body.booked as { pending_id: string; id: string }[]) {
      expect(id).not.toBe(pending_id);
      expect(ids.has(pending_id)).toBe(false);
      const booked = after.find((t) => t.id === id) as Tx;
      const was = pending.find((t) => t.id === pending_id) as Tx;
      expect(booked).toMatchObject({ status: "Booked", amount: was.amount });
      // Booked two days later on the sandbox clock: booking_date_time is the moment of booking.
      expect(booked.booking_date_time - was.booking_date_time).toBeGreaterThanOrEqual(2 * 24 * 3600);
    }
    expect(after.some((t) => t.status === "Pending")).toBe(false);
    expect((await webhookTypes(core)).at(-1)).toBe("REPORT_UPDATED");
  });

  test("keep_ids: true keeps each id; only the status and booking date change", async () => {
    const pending = await addPending(2);
    const { body } = await core.call("POST", "/_sandbox/transactions/book", {
      body: { customer_id: ada.id, keep_ids: true },
    });
    expect(body.keep_ids).toBe(true);
    expect(body.booked).toEqual(pending.map((t) => ({ pending_id: t.id, id: t.id })));
    const after = await allTransactions(core, ada);
    for (const t of pending) expect(after.find((a) => a.id === t.id)?.status).toBe("Booked");
  });

  test("with nothing Pending nothing changes and no webhook is sent", async () => {
    const before = await webhookTypes(core);
    const { body } = await core.call("POST", "/_sandbox/transactions/book", { body: { customer_id: ada.id } });
    expect(body).toMatchObject({ booked: [], deliveries: [], feed: "live" });
    expect(await webhookTypes(core)).toEqual(before);
  });

  test("an unknown customer is a 404, a wrong keep_ids a 400 naming it", async () => {
    expect((await core.call("POST", "/_sandbox/transactions/book", { body: { customer_id: "999" } })).status).toBe(404);
    const wrong = await core.call("POST", "/_sandbox/transactions/book", {
      body: { customer_id: ada.id, keep_ids: "yes" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ in: "body", field: "keep_ids", problem: "must be true or false" }]);
  });
});

describe("removing", () => {
  test("removed transactions are gone from Get Transactions, then REPORT_UPDATED", async () => {
    const before = await allTransactions(core, ada);
    const gone = [before[0]?.id, before[5]?.id] as string[];
    const { status, body } = await core.call("POST", "/_sandbox/transactions/remove", {
      body: { customer_id: ada.id, transaction_ids: gone },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ removed: 2, feed: "live" });
    const after = await allTransactions(core, ada);
    expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id).filter((id) => !gone.includes(id)));
    expect((await webhookTypes(core)).at(-1)).toBe("REPORT_UPDATED");
  });

  test("an id the customer does not have is a 404 naming it, and nothing is removed", async () => {
    const before = await allTransactions(core, ada);
    const { status, body } = await core.call("POST", "/_sandbox/transactions/remove", {
      body: { customer_id: ada.id, transaction_ids: [before[0]?.id, "no-such-tx"] },
    });
    expect(status).toBe(404);
    expect(body.message).toContain("no-such-tx");
    expect(await allTransactions(core, ada)).toHaveLength(before.length);
  });

  test("an empty list is refused naming transaction_ids", async () => {
    const { status, body } = await core.call("POST", "/_sandbox/transactions/remove", {
      body: { customer_id: ada.id, transaction_ids: [] },
    });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ field: "transaction_ids" });
  });

  test("past the reconfirmation date the feed does not change", async () => {
    const before = await allTransactions(core, ada);
    await core.call("POST", "/_sandbox/clock", { body: { advance_days: 91 } });
    const { body } = await core.call("POST", "/_sandbox/transactions/remove", {
      body: { customer_id: ada.id, transaction_ids: [before[0]?.id] },
    });
    expect(body).toMatchObject({ removed: 0, feed: "stopped", deliveries: [] });
    expect(await allTransactions(core, ada)).toHaveLength(before.length);
  });
});

describe("webhook faults", () => {
  test("repeat: n sends each delivery n more times, the copies marked repeat_of", async () => {
    const armed = await core.call("POST", "/_sandbox/faults/webhooks", {
      body: { webhook_type: "REPORT_UPDATED", repeat: 2 },
    });
    expect(armed.status).toBe(200);
    expect(armed.body.fault).toMatchObject({ webhook_type: "REPORT_UPDATED", repeat: 2, remaining: 1 });
    const { body } = await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays" },
    });
    expect(body.deliveries).toHaveLength(3);
    const [first, ...copies] = body.deliveries as { id: number; repeat_of?: number }[];
    expect(copies.map((c) => c.repeat_of)).toEqual([first?.id, first?.id]);
    await webhookTypes(core);
    expect(receiver.bodies.filter((b) => JSON.parse(b).webhook_type === "REPORT_UPDATED")).toHaveLength(3);
    // Used up: the next one is sent once.
    expect((await core.call("GET", "/_sandbox/faults/webhooks")).body.data).toEqual([]);
    const next = await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays" },
    });
    expect(next.body.deliveries).toHaveLength(1);
  });

  test("delay_ms holds a delivery back so a later one arrives first", async () => {
    await core.call("POST", "/_sandbox/faults/webhooks", { body: { webhook_type: "REPORT_UPDATED", delay_ms: 1500 } });
    await webhookTypes(core); // REPORT_AVAILABLE of the authorisation has arrived
    const received = receiver.bodies.length;
    await core.call("POST", "/_sandbox/transactions", { body: { customer_id: ada.id, bank_slug: "barclays" } });
    await core.call("POST", "/_sandbox/webhooks", {
      body: { webhook_type: "ACCOUNT_AUTHORIZATION_LOST", customer_id: ada.id, account_id: 1 },
    });
    await webhookTypes(core); // waits for both
    expect(receiver.bodies.slice(received).map((b) => JSON.parse(b).webhook_type)).toEqual([
      "ACCOUNT_AUTHORIZATION_LOST",
      "REPORT_UPDATED",
    ]);
  });

  test("a fault for another type or partition leaves the delivery alone; reset disarms them", async () => {
    await core.call("POST", "/_sandbox/faults/webhooks", { body: { webhook_type: "REPORT_AVAILABLE", repeat: 3 } });
    await core.call("POST", "/_sandbox/faults/webhooks", { body: { client_id: "someone-else", repeat: 3 } });
    const { body } = await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays" },
    });
    expect(body.deliveries).toHaveLength(1);
    expect((await core.call("GET", "/_sandbox/faults/webhooks?client_id=feed")).body.data).toHaveLength(1);
    await core.call("POST", "/_sandbox/reset", { body: {} });
    expect((await core.call("GET", "/_sandbox/faults/webhooks")).body.data).toEqual([]);
  });

  test("a wrong field is refused naming it", async () => {
    const { status, body } = await core.call("POST", "/_sandbox/faults/webhooks", {
      body: { webhook_type: "REPORT_UPDATE", repeat: 11 },
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { in: "body", field: "webhook_type", problem: "must be a webhook type of Planky's spec, e.g. REPORT_UPDATED" },
      { in: "body", field: "repeat", problem: "must be a whole number from 0 to 10" },
    ]);
  });
});

describe("--state", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "planky-feed-state-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test("Pending, booked and removed transactions are the same after a restart", async () => {
    const stateFile = join(dir, "state.json");
    const first = await sandboxCore({ stateFile });
    const who = await authorisedCustomer(first, receiver.url);
    await first.call("POST", "/_sandbox/transactions", {
      body: { customer_id: who.id, bank_slug: "barclays", count: 4, status: "Pending" },
    });
    await first.call("POST", "/_sandbox/transactions/book", { body: { customer_id: who.id } });
    await first.call("POST", "/_sandbox/transactions", {
      body: { customer_id: who.id, bank_slug: "barclays", count: 2, status: "Pending" },
    });
    const some = await allTransactions(first, who);
    await first.call("POST", "/_sandbox/transactions/remove", {
      body: { customer_id: who.id, transaction_ids: [some[3]?.id] },
    });
    const before = await allTransactions(first, who);
    expect(before.filter((t) => t.status === "Pending")).toHaveLength(2);
    await first.call("GET", "/_sandbox/webhooks/deliveries?wait=true");

    const restarted = await sandboxCore({ stateFile });
    expect(await allTransactions(restarted, who)).toEqual(before);
  });
});
