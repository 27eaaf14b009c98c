/**
 * The invariant of `customers.syncTransactions()`: applying every result to a map by `id` (added/modified: set,
 * removed: delete) gives exactly what a full pull gives, after new, late-posted, booked (same id and new id),
 * changed and removed transactions, whatever the page size and the order Planky serves them in (undocumented).
 * Against an in-memory Get Transactions; on the source and on the built `dist/`.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Transaction } from "../../src/index";
import { type Kit, srcAndDist } from "../support/shipped";
import { type FakeTransactions, fakeTransactions, type Order, transaction } from "../support/transactions-fake";
import { PROPERTY_RUNS } from "./config";

const CUSTOMER = "1001";
const DAY = 86_400;
const OVERLAP_DAYS = 2;
const OVERLAP = OVERLAP_DAYS * DAY;

type Change =
  | { kind: "add"; pending: boolean; late: number }
  | { kind: "advance"; seconds: number }
  | { kind: "book"; pick: number; sameId: boolean; shift: number }
  | { kind: "modify"; pick: number; amount: number }
  | { kind: "remove"; pick: number };
type Step = Change | { kind: "sync"; perPage: number; during: Change[] };

const change = (withAdvance: boolean): fc.Arbitrary<Change> =>
  fc.oneof(
    fc.record({ kind: fc.constant("add" as const), pending: fc.boolean(), late: fc.nat(OVERLAP - 1) }),
    ...(withAdvance ? [fc.record({ kind: fc.constant("advance" as const), seconds: fc.nat(2 * DAY) })] : []),
    fc.record({ kind: fc.constant("book" as const), pick: fc.nat(), sameId: fc.boolean(), shift: fc.nat(DAY) }),
    fc.record({ kind: fc.constant("modify" as const), pick: fc.nat(), amount: fc.integer({ min: -999, max: 999 }) }),
    fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
  );

const steps = (interfere: boolean): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: change(true) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("sync" as const),
          perPage: fc.integer({ min: 1, max: 4 }),
          // Changes while a sync pages through (no clock advance: see `apply`).
          during: interfere ? fc.array(change(false), { maxLength: 4 }) : fc.constant<Change[]>([]),
        }),
      },
    ),
    { maxLength: 40 },
  );

/** The server's world: transactions change only inside the overlap window, as the documented contract requires. */
class World {
  now = 1_700_000_000;
  next = 1;
  constructor(readonly fake: FakeTransactions) {}

  apply(step: Change): void {
    const rows = this.fake.rows;
    const inWindow = [...rows.values()].filter((row) => row.booking_date_time >= this.now - OVERLAP);
    const pick = (list: Transaction[], index: number) => list[index % list.length];
    switch (step.kind) {
      case "add": {
        const id = `t${this.next++}`;
        const status = step.pending ? "Pending" : "Booked";
        rows.set(id, transaction(id, this.now - step.late, { status }));
        return;
      }
      case "advance":
        this.now += step.seconds;
        return;
      case "book": {
        const row = pick(
          inWindow.filter((r) => r.status === "Pending"),
          step.pick,
        );
        if (!row) return;
        const bookedAt = Math.min(this.now, row.booking_date_time + step.shift);
        const booked = { ...row, status: "Booked" as const, booking_date_time: bookedAt, amount: row.amount - 1 };
        if (step.sameId) rows.set(row.id, booked);
        else {
          rows.delete(row.id);
          const id = `t${this.next++}`;
          rows.set(id, { ...booked, id });
        }
        return;
      }
      case "modify": {
        const row = pick(inWindow, step.pick);
        if (row) rows.set(row.id, { ...row, amount: step.amount, name: `${row.name}*` });
        return;
      }
      case "remove": {
        const row = pick(inWindow, step.pick);
        if (row) rows.delete(row.id);
        return;
      }
    }
  }
}

async function syncAll(
  kit: Kit,
  fake: FakeTransactions,
  copy: Map<string, Transaction>,
  cursor: string | undefined,
  perPage: number,
) {
  const planky = kit.createPlankyClient({
    accessToken: "test-token",
    baseUrl: "https://planky.test",
    fetch: fake.fetch,
  });
  for (let calls = 1; ; calls++) {
    const result = await planky.customers.syncTransactions({
      customerId: CUSTOMER,
      overlapDays: OVERLAP_DAYS,
      maxPerPage: perPage,
      ...(cursor !== undefined && { cursor }),
    });
    for (const row of [...result.added, ...result.modified]) copy.set(row.id, row);
    for (const { id } of result.removed) copy.delete(id);
    cursor = result.cursor;
    if (!result.hasMore) return cursor;
    if (calls > 10_000) throw new Error("syncTransactions never finished");
  }
}

const targets = await srcAndDist();
const orders: Order[] = ["newest-first", "oldest-first", "insertion"];

describe.each(targets)("syncTransactions() on %s", (_name, kit) => {
  test("a copy kept by applying every result equals a full pull after every sync", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...orders), steps(false), async (order, plan) => {
        const world = new World(fakeTransactions(CUSTOMER, order));
        const copy = new Map<string, Transaction>();
        let cursor: string | undefined;
        for (const step of [...plan, { kind: "sync" as const, perPage: 3, during: [] }]) {
          if (step.kind !== "sync") world.apply(step);
          else {
            cursor = await syncAll(kit, world.fake, copy, cursor, step.perPage);
            expect(copy).toEqual(world.fake.rows);
          }
        }
      }),
      { ...PROPERTY_RUNS, numRuns: 200 },
    );
  });

  test("changes while a sync pages through are all in the copy after the next quiet sync", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...orders), steps(true), async (order, plan) => {
        const world = new World(fakeTransactions(CUSTOMER, order));
        const copy = new Map<string, Transaction>();
        let cursor: string | undefined;
        for (const step of plan) {
          if (step.kind !== "sync") world.apply(step);
          else {
            const during = [...step.during];
            world.fake.beforePage = () => {
              const next = during.shift();
              if (next) world.apply(next);
            };
            cursor = await syncAll(kit, world.fake, copy, cursor, step.perPage);
            world.fake.beforePage = undefined;
          }
        }
        cursor = await syncAll(kit, world.fake, copy, cursor, 2);
        expect(copy).toEqual(world.fake.rows);
      }),
      { ...PROPERTY_RUNS, numRuns: 200 },
    );
  });
});
