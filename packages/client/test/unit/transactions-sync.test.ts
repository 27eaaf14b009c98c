/**
 * `customers.syncTransactions()` case by case: Pending booked under the same id (modified) and under a new id
 * (removed + added), removals on the pass' last page, the window it asks for, the cursor's errors and size, a pass
 * that starts over when pages disappear, and servers that break the paging contract. On src and on dist.
 */
import { describe, expect, test } from "vitest";
import type { Transaction } from "../../src/index";
import { type Kit, srcAndDist } from "../support/shipped";
import { type FakeTransactions, fakeTransactions, transaction } from "../support/transactions-fake";

const DAY = 86_400;
const NOW = 1_700_000_000;

function client(kit: Kit, fake: FakeTransactions | ((request: Request) => Promise<Response>)) {
  const fetch = typeof fake === "function" ? fake : fake.fetch;
  return kit.createPlankyClient({ accessToken: "test-token", baseUrl: "https://planky.test", fetch, maxRetries: 0 });
}

/** Every call of one sync, until `hasMore` is false. */
async function pass(kit: Kit, fake: FakeTransactions, cursor?: string, extra: { maxPerPage?: number } = {}) {
  const results = [];
  for (;;) {
    const result = await client(kit, fake).customers.syncTransactions({
      customerId: "1001",
      ...(cursor !== undefined && { cursor }),
      ...extra,
    });
    results.push(result);
    cursor = result.cursor;
    if (!result.hasMore) break;
  }
  const ids = (list: { id: string }[]) => list.map((t) => t.id).sort();
  return {
    cursor: cursor as string,
    results,
    added: ids(results.flatMap((r) => r.added)),
    modified: ids(results.flatMap((r) => r.modified)),
    removed: ids(results.flatMap((r) => r.removed)),
  };
}

const targets = await srcAndDist();

describe.each(targets)("syncTransactions() on %s", (_name, kit) => {
  test("first sync: everything is added, in one call per page, removals empty", async () => {
    const fake = fakeTransactions("1001");
    for (let i = 1; i <= 5; i++) fake.rows.set(`t${i}`, transaction(`t${i}`, NOW - i * DAY));
    const first = await pass(kit, fake, undefined, { maxPerPage: 2 });
    expect(first.results.map((r) => [r.added.length, r.hasMore])).toEqual([
      [2, true],
      [2, true],
      [1, false],
    ]);
    expect(first.added).toEqual(["t1", "t2", "t3", "t4", "t5"]);
    expect(fake.queries.map((q) => q.toString())).toEqual([
      "page=1&max_per_page=2",
      "page=2&max_per_page=2",
      "page=3&max_per_page=2",
    ]);
  });

  test("a Pending transaction booked under the same id is modified, never added twice", async () => {
    const fake = fakeTransactions("1001");
    fake.rows.set("p1", transaction("p1", NOW, { status: "Pending", amount: -10 }));
    const first = await pass(kit, fake);
    fake.rows.set("p1", transaction("p1", NOW + DAY, { status: "Booked", amount: -12 }));
    const second = await pass(kit, fake, first.cursor);
    expect([second.added, second.modified, second.removed]).toEqual([[], ["p1"], []]);
    const third = await pass(kit, fake, second.cursor);
    expect([third.added, third.modified, third.removed]).toEqual([[], [], []]);
  });

  test("a Pending transaction booked under a new id is removed (old id) and added (new id)", async () => {
    const fake = fakeTransactions("1001");
    fake.rows.set("old", transaction("old", NOW - DAY));
    fake.rows.set("p1", transaction("p1", NOW, { status: "Pending" }));
    const first = await pass(kit, fake);
    fake.rows.delete("p1");
    fake.rows.set("b1", transaction("b1", NOW + DAY, { status: "Booked" }));
    const second = await pass(kit, fake, first.cursor);
    expect([second.added, second.modified, second.removed]).toEqual([["b1"], [], ["p1"]]);
  });

  test("removals come on the pass' last page only; the next sync asks from the window's start", async () => {
    const fake = fakeTransactions("1001");
    for (let i = 0; i < 4; i++) fake.rows.set(`t${i}`, transaction(`t${i}`, NOW - i * DAY));
    const first = await pass(kit, fake);
    fake.rows.delete("t1");
    fake.queries.length = 0;
    const second = await pass(kit, fake, first.cursor, { maxPerPage: 1 });
    expect(second.results.map((r) => r.removed.map((t) => t.id))).toEqual([[], [], ["t1"]]);
    // Default overlap: 30 days before the newest booking seen.
    expect(fake.queries[0]?.get("booking_date_time_from")).toBe(String(NOW - 30 * DAY));
    const narrow = await client(kit, fake).customers.syncTransactions({ customerId: "1001", overlapDays: 1 });
    const after = await client(kit, fake).customers.syncTransactions({ customerId: "1001", cursor: narrow.cursor });
    expect(after.added).toEqual([]);
    expect(fake.queries.at(-1)?.get("booking_date_time_from")).toBe(String(NOW - DAY));
  });

  test("a pass starts over when pages disappear under it, and still reports what vanished", async () => {
    const fake = fakeTransactions("1001");
    for (const id of ["a", "b", "c"]) fake.rows.set(id, transaction(id, NOW - (id === "a" ? 0 : DAY)));
    const planky = client(kit, fake);
    const page1 = await planky.customers.syncTransactions({ customerId: "1001", maxPerPage: 1 });
    expect(page1.added.map((t) => t.id)).toEqual(["a"]);
    fake.rows.delete("a");
    fake.rows.delete("b"); // 3 pages became 1: the pass restarts
    const copy = new Map<string, Transaction>(page1.added.map((t) => [t.id, t]));
    let cursor = page1.cursor;
    for (let more = true; more; ) {
      const result = await planky.customers.syncTransactions({ customerId: "1001", cursor });
      for (const t of [...result.added, ...result.modified]) copy.set(t.id, t);
      for (const { id } of result.removed) copy.delete(id);
      ({ cursor, hasMore: more } = result);
    }
    expect([...copy.keys()]).toEqual(["c"]);
  });

  test("the cursor: ~35 bytes + 4/3 of the id per window transaction; a first sync over years holds one window", async () => {
    const fake = fakeTransactions("1001", "oldest-first");
    // Five years, one transaction every 6 hours: 7 300 transactions, 120 in the last 30 days.
    for (let i = 0; i < 7300; i++) {
      const id = `tx${String(i).padStart(6, "0")}`;
      fake.rows.set(id, transaction(id, NOW - i * 6 * 3600));
    }
    let cursor: string | undefined;
    let largest = 0;
    for (let more = true; more; ) {
      const result = await client(kit, fake).customers.syncTransactions({
        customerId: "1001",
        maxPerPage: 500,
        ...(cursor && { cursor }),
      });
      ({ cursor, hasMore: more } = result);
      largest = Math.max(largest, cursor.length);
    }
    const inWindow = [...fake.rows.values()].filter((t) => t.booking_date_time >= NOW - 30 * DAY).length;
    expect(inWindow).toBe(121);
    expect((cursor as string).length).toBeLessThanOrEqual(100 + inWindow * (35 + Math.ceil((8 * 4) / 3)));
    // While paging: one window plus one page of entries, not the 7 300 of the history.
    expect(largest).toBeLessThanOrEqual(100 + (inWindow + 500) * (35 + Math.ceil((8 * 4) / 3)));
  });

  test("a cursor of another customer, a corrupted one or one of another version is a PlankyValidationError naming cursor", async () => {
    const fake = fakeTransactions("1001");
    fake.rows.set("t1", transaction("t1", NOW));
    const { cursor } = await pass(kit, fake);
    const planky = client(kit, fake);
    const flipped = cursor.slice(0, 10) + (cursor[10] === "A" ? "B" : "A") + cursor.slice(11);
    const cases: [string, unknown, RegExp][] = [
      ["another customer", { customerId: "2002", cursor }, /belongs to another customer/],
      ["one changed character", { customerId: "1001", cursor: flipped }, /corrupted/],
      ["a cut-off cursor", { customerId: "1001", cursor: cursor.slice(0, -3) }, /corrupted/],
      ["not a cursor", { customerId: "1001", cursor: "next-page-please" }, /not a sync cursor/],
      ["a later version", { customerId: "1001", cursor: cursor.replace("pks1", "pks2") }, /version/],
      ["a number", { customerId: "1001", cursor: 42 }, /expected a string/],
    ];
    for (const [, params, message] of cases) {
      const error = await planky.customers.syncTransactions(params as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(kit.PlankyValidationError);
      expect(error).toMatchObject({ field: "cursor", message: expect.stringMatching(message) });
    }
    expect(fake.queries).toHaveLength(1); // nothing was sent for a bad cursor
  });

  test("bad options name their field", async () => {
    const planky = client(kit, fakeTransactions("1001"));
    for (const [params, field] of [
      [{ customerId: "" }, "customerId"],
      [{ customerId: "1001", overlapDays: -1 }, "overlapDays"],
      [{ customerId: "1001", maxPerPage: 0 }, "maxPerPage"],
    ] as const) {
      await expect(planky.customers.syncTransactions(params)).rejects.toMatchObject({ field });
    }
  });

  test("a server that ignores page, or sends a transaction without id, is an InvalidResponseError, not a loop", async () => {
    const one = { page: 1, pages: 3, max_per_page: 1, data: [transaction("t1", NOW)] };
    const ignoresPage = client(kit, async () => Response.json(one));
    const first = await ignoresPage.customers.syncTransactions({ customerId: "1001" });
    await expect(ignoresPage.customers.syncTransactions({ customerId: "1001", cursor: first.cursor })).rejects.toThrow(
      /asked for page 2 and returned page 1/,
    );
    const noId = client(kit, async () => Response.json({ ...one, pages: 1, data: [{ name: "x" }] }));
    const error = await noId.customers.syncTransactions({ customerId: "1001" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kit.InvalidResponseError);
  });
});
