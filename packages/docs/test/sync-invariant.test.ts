/**
 * Issue 28's invariant, against the stateful sandbox (Prism in front checks every request and answer against the
 * spec), with the built client: a copy kept by applying every `customers.syncTransactions()` result to a map by `id`
 * equals a full pull of Get Transactions after each kind of change the sandbox can make: new Booked transactions,
 * Pending ones, Pending booked under the same id (`keep_ids`) and under a new id (the sandbox's default), and removed
 * ones (recent, and an old one inside the overlap window).
 */
import { createPlankyClient } from "@planky-kit/client";
import { type RunningSandbox, startSandbox } from "@planky-kit/mock/sandbox";
import { afterAll, beforeAll, expect, test } from "vitest";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
}, 180_000);

afterAll(async () => {
  await sandbox?.stop();
});

/** The sandbox's control API (not Planky's): what the bank and Planky's webhook sender do. */
async function control(path: string, body: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status, path).toBe(200);
  return response.json();
}

type Transaction = { id: string; status: string; booking_date_time: number };

test("a copy kept with syncTransactions equals a full pull after new, Pending, booked and removed transactions", async () => {
  const planky = createPlankyClient({ clientId: "sync-invariant", clientSecret: "s", baseUrl: sandbox.url });
  const customer = await planky.customers.create({ user_reference: `sync-${crypto.randomUUID()}` });
  const customerId = customer.id;
  await control("consents", { customer_id: customerId, bank_slug: "barclays", status: "Authorised" });

  const copy = new Map<string, Transaction>();
  let cursor: string | undefined;
  let removedSoFar = 0;
  async function sync() {
    for (;;) {
      const page = await planky.customers.syncTransactions({ customerId, cursor, maxPerPage: 100 });
      for (const t of [...page.added, ...page.modified]) copy.set(t.id, t as Transaction);
      for (const { id } of page.removed) copy.delete(id);
      removedSoFar += page.removed.length;
      cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }
  async function fullPull() {
    const all = new Map<string, Transaction>();
    for await (const t of planky.customers.transactions({ customerId })) all.set(t.id, t as Transaction);
    return all;
  }
  async function expectInSync(step: string) {
    await sync();
    const full = await fullPull();
    expect([...copy.keys()].sort(), step).toEqual([...full.keys()].sort());
    expect(Object.fromEntries(copy), step).toEqual(Object.fromEntries(full));
    return full;
  }
  const add = (count: number, status?: "Pending") =>
    control("transactions", { customer_id: customerId, bank_slug: "barclays", count, ...(status ? { status } : {}) });

  const first = await expectInSync("first sync: every transaction added");
  expect(first.size).toBeGreaterThan(30);

  await add(5);
  await expectInSync("5 new Booked");

  await add(3, "Pending");
  const withPending = await expectInSync("3 new Pending");
  const pendingIds = [...withPending.values()].filter((t) => t.status === "Pending").map((t) => t.id);
  expect(pendingIds).toHaveLength(3);

  const kept = await control("transactions/book", { customer_id: customerId, keep_ids: true });
  expect(kept.booked.map((b: { id: string }) => b.id).sort()).toEqual([...pendingIds].sort());
  const afterKept = await expectInSync("Pending booked, ids kept");
  expect(pendingIds.map((id) => afterKept.get(id)?.status)).toEqual(["Booked", "Booked", "Booked"]);

  await add(4, "Pending");
  await expectInSync("4 more Pending");
  const renamed = await control("transactions/book", { customer_id: customerId });
  expect(renamed.booked).toHaveLength(4);
  const afterRenamed = await expectInSync("Pending booked under new ids");
  for (const { pending_id, id } of renamed.booked as { pending_id: string; id: string }[]) {
    expect(afterRenamed.has(pending_id), "the Pending copy is gone: no duplicate").toBe(false);
    expect(afterRenamed.get(id)?.status).toBe("Booked");
  }

  // One recent transaction and one of the history inside the 30-day overlap window.
  const now = Math.floor(Date.now() / 1000);
  const recent = [...afterRenamed.values()].at(-1) as Transaction;
  const older = [...afterRenamed.values()].find(
    (t) => t.booking_date_time > now - 20 * 86_400 && t.booking_date_time < now - 86_400,
  ) as Transaction;
  expect(older, "a history transaction within the window").toBeDefined();
  const removedBefore = removedSoFar;
  await control("transactions/remove", { customer_id: customerId, transaction_ids: [recent.id, older.id] });
  const afterRemoved = await expectInSync("2 removed");
  expect(afterRemoved.has(recent.id) || afterRemoved.has(older.id)).toBe(false);
  expect(removedSoFar - removedBefore).toBe(2);
}, 120_000);
