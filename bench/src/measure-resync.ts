/**
 * Issue 28, item 6: re-syncing a customer's transactions after 1 % of them changed, with
 * `customers.syncTransactions()`, against the sandbox (`planky-mock serve` in its own process, so its CPU is not
 * ours; Prism in front of the stateful API, loopback HTTP).
 *
 * The customer: the sandbox's history (a year before authorisation), then the same number of new transactions every
 * week (the sandbox clock moved a week between batches) up to the total, and a few Pending ones. So a customer with
 * 10,000 transactions has five times the history of one with 2,000 but the same 30-day overlap window. After one
 * first sync (the cursor), 1 % of the total changes: the Pending transactions are booked under new ids (the
 * sandbox's default), new Booked ones arrive and recent ones are removed. Then, from that same cursor (a re-sync
 * only reads, so it can be repeated):
 * - bytes and requests of the re-sync against a full re-pull (`customers.transactions()`, every page);
 * - CPU (this process, user + system) of the re-sync against a hand-written loop doing the same diff over the same
 *   pages: `fetch` each page of the window, `JSON.stringify` each transaction and compare it with the copy's text
 *   by id; the two take turns, `rounds` times;
 * - the peak heap still reachable after each page is parsed and after each call of five more re-syncs (a forced GC
 *   before each reading), over the heap before it, the largest of the five, for 2,000 and 10,000 transactions:
 *   bounded by the window, not by the total.
 * The client's "today" is the sandbox partition's clock: this process' `Date.now` is moved by the same offset.
 *
 * Usage: tsx measure-resync.ts <out.json>
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { createPlankyClient } from "@planky-kit/client";
import { envInt, median } from "./stats";

export interface ResyncResult {
  measuredAt: string;
  loadAverage: [start: number, end: number];
  config: { rounds: number; perWeek: number; overlapDays: number; changedShare: number };
  sizes: {
    transactions: number;
    /** The transactions changed: booked under a new id, added, removed (together 1 % of the total). */
    changed: { booked: number; added: number; removed: number };
    /** The re-sync's result, as the client reported it. */
    result: { added: number; modified: number; removed: number };
    resync: { requests: number; bytes: number };
    fullPull: { requests: number; bytes: number };
    /** CPU ms per re-sync (median of rounds) and the per-round ratio client ÷ hand-written loop. */
    clientCpuMs: number;
    handLoopCpuMs: number;
    ratio: number;
    ratioRange: [number, number];
    peakHeapMiB: number;
    cursorBytes: number;
  }[];
}

// Not load-peers' (it loads the generated peers this section does not need).
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

const DAY = 86_400;
const OVERLAP_DAYS = 30; // the client's default
const PER_WEEK = 100;
const CHANGED_SHARE = 0.01;
const mockBin = fileURLToPath(new URL("../../packages/mock/bin/planky-mock.js", import.meta.url));

type Tx = { id: string; booking_date_time: number; status: string };
type Page = { data: Tx[]; page: number; pages: number };

/** This process' clock, moved by `offsetSeconds` (the sandbox partition's clock offset) for the client's "today". */
const realNow = Date.now.bind(Date);
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;

/** Counts requests and response bytes (the body's length, as received) while `counting` is on. */
const realFetch = globalThis.fetch;
const traffic = { counting: false, requests: 0, bytes: 0 };
globalThis.fetch = async (input, init) => {
  const response = await realFetch(input, init);
  if (!traffic.counting) return response;
  const body = await response.arrayBuffer();
  traffic.requests += 1;
  traffic.bytes += body.byteLength;
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
};

async function counted(work: () => Promise<unknown>): Promise<{ requests: number; bytes: number }> {
  Object.assign(traffic, { counting: true, requests: 0, bytes: 0 });
  try {
    await work();
  } finally {
    traffic.counting = false;
  }
  return { requests: traffic.requests, bytes: traffic.bytes };
}

async function startServe(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [mockBin, "serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  for await (const chunk of child.stdout as NodeJS.ReadableStream) {
    output += String(chunk);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
    if (url) return { url, child };
  }
  throw new Error(`planky-mock serve exited before printing its URL: ${output}`);
}

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error("usage: tsx measure-resync.ts <out.json>");
  const rounds = envInt("BENCH_RESYNC_ROUNDS", 41);
  const loadStart = loadavg()[0] ?? 0;
  const serve = await startServe();
  const sandbox = serve.url;
  const control = async (path: string, body: unknown) => {
    const response = await realFetch(`${sandbox}/_sandbox/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  try {
    const sizes: ResyncResult["sizes"] = [];
    for (const total of [2_000, 10_000]) {
      const clientId = `bench-resync-${total}`;
      offsetMs = 0;
      const planky = createPlankyClient({ clientId, clientSecret: "s", baseUrl: sandbox });
      const customerId = (await planky.customers.create({ user_reference: `resync-${total}-${realNow()}` })).id;
      await control("consents", { customer_id: customerId, bank_slug: "barclays", status: "Authorised" });
      let count = 0;
      for await (const page of planky.customers.transactions({ customerId }).pages()) count += page.data.length;

      // Every week PER_WEEK new transactions, then the clock a week on, up to the total (less the Pending ones).
      const changes = Math.round(total * CHANGED_SHARE);
      const booked = Math.round(changes * 0.3);
      const removed = Math.round(changes * 0.3);
      const added = changes - booked - removed;
      let weeks = 0;
      while (count < total - booked) {
        const batch = Math.min(PER_WEEK, total - booked - count);
        const { feed } = await control("transactions", {
          customer_id: customerId,
          bank_slug: "barclays",
          count: batch,
        });
        if (feed !== "live") throw new Error(`the feed did not update (${feed}) in week ${weeks}`);
        count += batch;
        await control("clock", { client_id: clientId, advance_days: 7 });
        weeks += 1;
        // The customer reconfirms within each 90 days, or the feed stops updating.
        if (weeks % 8 === 0) await planky.customers.reconfirmConsent({ customerId, bankSlug: "barclays" });
      }
      await control("transactions", {
        customer_id: customerId,
        bank_slug: "barclays",
        count: booked,
        status: "Pending",
      });
      offsetMs = weeks * 7 * DAY * 1000; // the client's today is the partition's
      // Same clock, new client: its token cache reads the moved clock from the start.
      const synced = createPlankyClient({ clientId, clientSecret: "s", baseUrl: sandbox });

      // The first sync: the cursor. Then the 1 % change.
      let cursor: string | undefined;
      for (let more = true; more; ) {
        const page = await synced.customers.syncTransactions({ customerId, cursor });
        ({ cursor, hasMore: more } = page);
      }
      const first = cursor as string;
      const full = new Map<string, Tx>();
      for await (const t of synced.customers.transactions({ customerId })) full.set(t.id, t as Tx);
      const newest = Math.max(...[...full.values()].map((t) => t.booking_date_time));
      const from = Math.min(newest, Math.floor(Date.now() / 1000)) - OVERLAP_DAYS * DAY;
      // The hand-written loop's copy: the window's transactions as JSON text, by id.
      const handCopy = new Map(
        [...full.values()].filter((t) => t.booking_date_time >= from).map((t) => [t.id, JSON.stringify(t)]),
      );
      const recent = [...full.values()]
        .filter((t) => t.status === "Booked" && t.booking_date_time >= from + DAY)
        .slice(-removed - 5, -5)
        .map((t) => t.id);
      await control("transactions/book", { customer_id: customerId });
      await control("transactions", { customer_id: customerId, bank_slug: "barclays", count: added });
      await control("transactions/remove", { customer_id: customerId, transaction_ids: recent });

      const token = await realFetch(`${sandbox}/oauth/v2/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: clientId, client_secret: "s", grant_type: "client_credentials" }),
      }).then((r) => r.json() as Promise<{ access_token: string }>);

      async function resyncWithClient(gcEachPage = false) {
        const result = { added: 0, modified: 0, removed: 0, peak: 0, cursorBytes: 0 };
        // process.memoryUsage() costs about a millisecond: only in the heap pass, never in a timed one.
        if (gcEachPage) collectGarbage();
        const base = gcEachPage ? process.memoryUsage().heapUsed : 0;
        // Inside each call too: right after a page is parsed (the page, the decoded cursor and the call's state in
        // hand), the heap still reachable.
        const realParse = JSON.parse;
        if (gcEachPage) {
          JSON.parse = (text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
            const value = realParse(text, reviver);
            if (text.length > 10_000) {
              collectGarbage();
              result.peak = Math.max(result.peak, process.memoryUsage().heapUsed - base);
            }
            return value;
          };
        }
        let at: string | undefined = first;
        let held: unknown; // the page in hand when the heap is read, as a caller applying it would hold it
        for (let more = true; more; ) {
          const page = await synced.customers.syncTransactions({ customerId, cursor: at });
          held = page;
          result.added += page.added.length;
          result.modified += page.modified.length;
          result.removed += page.removed.length;
          ({ cursor: at, hasMore: more } = page);
          if (gcEachPage) {
            collectGarbage();
            result.peak = Math.max(result.peak, process.memoryUsage().heapUsed - base);
          }
        }
        JSON.parse = realParse;
        result.cursorBytes = (at as string).length;
        if (held === undefined) throw new Error("no page");
        return result;
      }

      /** What a team would write without the client: the same window, diffed by id against its JSON text. */
      async function resyncByHand() {
        const seen = new Set<string>();
        const result = { added: 0, modified: 0, removed: 0 };
        for (let page = 1; ; page += 1) {
          const response = await realFetch(
            `${sandbox}/public/v3/customers/${customerId}/transactions?page=${page}&booking_date_time_from=${from}`,
            { headers: { authorization: `Bearer ${token.access_token}` } },
          );
          if (!response.ok) throw new Error(`page ${page}: ${response.status}`);
          const body = (await response.json()) as Page;
          for (const t of body.data) {
            seen.add(t.id);
            const before = handCopy.get(t.id);
            if (before === undefined) result.added += 1;
            else if (before !== JSON.stringify(t)) result.modified += 1;
          }
          if (body.page >= body.pages || body.data.length === 0) break;
        }
        for (const id of handCopy.keys()) if (!seen.has(id)) result.removed += 1;
        return result;
      }

      const expected = await resyncWithClient();
      const byHand = await resyncByHand();
      for (const key of ["added", "modified", "removed"] as const) {
        if (expected[key] !== byHand[key]) {
          throw new Error(`the client and the hand loop disagree on ${key}: ${expected[key]} vs ${byHand[key]}`);
        }
      }
      const clientCpu: number[] = [];
      const handCpu: number[] = [];
      const ratios: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const order = round % 2 === 0 ? (["client", "hand"] as const) : (["hand", "client"] as const);
        const ms: Record<string, number> = {};
        for (const who of order) {
          const start = process.cpuUsage();
          if (who === "client") await resyncWithClient();
          else await resyncByHand();
          const used = process.cpuUsage(start);
          ms[who] = (used.user + used.system) / 1000;
        }
        clientCpu.push(ms.client as number);
        handCpu.push(ms.hand as number);
        ratios.push((ms.client as number) / (ms.hand as number));
      }
      const resync = await counted(() => resyncWithClient());
      const fullPull = await counted(async () => {
        for await (const _ of synced.customers.transactions({ customerId })) {
          // every page, as a full re-pull reads them
        }
      });
      // A reading after a forced GC moves by tens of kB from one pass to the next (V8's own allocations): the
      // largest of five passes.
      const heaps = [];
      for (let pass = 0; pass < 5; pass += 1) heaps.push(await resyncWithClient(true));
      const heap = heaps.reduce((a, b) => (b.peak > a.peak ? b : a));
      sizes.push({
        transactions: full.size,
        changed: { booked, added, removed: recent.length },
        result: { added: expected.added, modified: expected.modified, removed: expected.removed },
        resync,
        fullPull,
        clientCpuMs: median(clientCpu),
        handLoopCpuMs: median(handCpu),
        ratio: median(ratios),
        ratioRange: [Math.min(...ratios), Math.max(...ratios)],
        peakHeapMiB: heap.peak / 2 ** 20,
        cursorBytes: heap.cursorBytes,
      });
    }
    const result: ResyncResult = {
      measuredAt: new Date(realNow()).toISOString(),
      loadAverage: [loadStart, loadavg()[0] ?? 0],
      config: { rounds, perWeek: PER_WEEK, overlapDays: OVERLAP_DAYS, changedShare: CHANGED_SHARE },
      sizes,
    };
    await writeFile(out, JSON.stringify(result));
  } finally {
    serve.child.kill("SIGINT");
    await once(serve.child, "exit");
  }
}

await main();
