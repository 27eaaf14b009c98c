/**
 * Pulling every transaction of a customer from the sandbox (`planky-mock serve`: Prism in front of the stateful API,
 * over loopback HTTP), through `customers.transactions()` and through a hand-written `fetch` loop over the same
 * pages (1,000 per page). Wall time per pull, the two taking turns in each round (no forced GC in a timed pull);
 * then, in one untimed pull each, the heap still reachable after each page (a forced GC before each reading), for a
 * customer with about 2,000 and one with about 10,000 transactions: if the client holds one page at a time, that
 * peak does not grow with the total.
 *
 * Usage: tsx measure-transactions.ts <out.json>
 */
import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { createPlankyClient } from "@planky-kit/client";
import { startSandbox } from "@planky-kit/mock/sandbox";
import { collectGarbage } from "./load-peers";
import { envInt, median } from "./stats";

export interface TransactionsResult {
  measuredAt: string;
  loadAverage: [start: number, end: number];
  config: { rounds: number; pageSize: number };
  /** Per customer size: transactions pulled, wall ms per pull (median of rounds), the ratio client ÷ fetch loop per
   * round (median and range), and the peak of the heap still reachable after a page (after a forced GC) during one
   * untimed pull, in MiB, for each way. */
  sizes: {
    transactions: number;
    clientMs: number;
    fetchLoopMs: number;
    ratio: number;
    ratioRange: [number, number];
    clientPeakHeapMiB: number;
    fetchLoopPeakHeapMiB: number;
  }[];
}

const CLIENT_ID = "bench-transactions";
const PAGE_SIZE = 1000;

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error("usage: tsx measure-transactions.ts <out.json>");
  const rounds = envInt("BENCH_TRANSACTIONS_ROUNDS", 5);
  const loadStart = loadavg()[0] ?? 0;
  const sandbox = await startSandbox();
  try {
    const planky = createPlankyClient({ clientId: CLIENT_ID, clientSecret: "s", baseUrl: sandbox.url });
    const control = (path: string, body: unknown) =>
      fetch(`${sandbox.url}/_sandbox/${path}`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json());
    const accessToken = await fetch(`${sandbox.url}/oauth/v2/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: CLIENT_ID, client_secret: "s", grant_type: "client_credentials" }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);

    /** A customer with an authorised consent and `total` transactions (history plus added ones). */
    async function customerWith(total: number): Promise<{ id: string; count: number }> {
      const customer = await planky.customers.create({ user_reference: `bench-${total}-${Date.now()}` });
      await control("consents", { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" });
      let count = 0;
      for await (const page of planky.customers.transactions({ customerId: customer.id }).pages()) {
        count += page.data.length;
      }
      if (count < total) {
        await control("transactions", { customer_id: customer.id, bank_slug: "barclays", count: total - count });
      }
      return { id: customer.id, count: Math.max(total, count) };
    }

    /** One pull with the client: every transaction, one page at a time; returns the peak heap growth. */
    async function pullWithClient(customerId: string, retained = false): Promise<{ count: number; peak: number }> {
      collectGarbage();
      const base = process.memoryUsage().heapUsed;
      let peak = 0;
      let count = 0;
      for await (const page of planky.customers.transactions({ customerId, maxPerPage: PAGE_SIZE }).pages()) {
        count += page.data.length;
        if (retained) collectGarbage(); // what is still reachable with this page in hand, not garbage yet to collect
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
      return { count, peak };
    }

    /** The same pages, by hand: what a team would write without the client. */
    async function pullWithFetch(customerId: string, retained = false): Promise<{ count: number; peak: number }> {
      collectGarbage();
      const base = process.memoryUsage().heapUsed;
      let peak = 0;
      let count = 0;
      for (let page = 1; ; page += 1) {
        const response = await fetch(
          `${sandbox.url}/public/v3/customers/${customerId}/transactions?page=${page}&max_per_page=${PAGE_SIZE}`,
          { headers: { authorization: `Bearer ${accessToken.access_token}` } },
        );
        if (!response.ok) throw new Error(`page ${page}: ${response.status}`);
        const body = (await response.json()) as { data: unknown[]; page: number; pages: number };
        count += body.data.length;
        if (retained) collectGarbage(); // what is still reachable with this page in hand, not garbage yet to collect
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
        if (body.page >= body.pages || body.data.length === 0) break;
      }
      return { count, peak };
    }

    const sizes: TransactionsResult["sizes"] = [];
    for (const total of [2_000, 10_000]) {
      const customer = await customerWith(total);
      await pullWithClient(customer.id); // warm-up: the sandbox caches the customer's data, both ways then read it
      await pullWithFetch(customer.id);
      const clientMs: number[] = [];
      const fetchMs: number[] = [];
      const ratios: number[] = [];
      const peaks = { client: [] as number[], fetch: [] as number[] };
      for (let round = 0; round < rounds; round += 1) {
        // Alternate who goes first, so neither always follows the other.
        const order = round % 2 === 0 ? (["client", "fetch"] as const) : (["fetch", "client"] as const);
        const ms: Record<string, number> = {};
        for (const who of order) {
          const start = performance.now();
          const pulled = who === "client" ? await pullWithClient(customer.id) : await pullWithFetch(customer.id);
          ms[who] = performance.now() - start;
          if (pulled.count !== customer.count) throw new Error(`${who} pulled ${pulled.count} of ${customer.count}`);
        }
        clientMs.push(ms.client as number);
        fetchMs.push(ms.fetch as number);
        ratios.push((ms.client as number) / (ms.fetch as number));
      }
      // Memory, untimed: one pull each with a forced GC before every reading.
      peaks.client.push((await pullWithClient(customer.id, true)).peak / 2 ** 20);
      peaks.fetch.push((await pullWithFetch(customer.id, true)).peak / 2 ** 20);
      sizes.push({
        transactions: customer.count,
        clientMs: median(clientMs),
        fetchLoopMs: median(fetchMs),
        ratio: median(ratios),
        ratioRange: [Math.min(...ratios), Math.max(...ratios)],
        clientPeakHeapMiB: median(peaks.client),
        fetchLoopPeakHeapMiB: median(peaks.fetch),
      });
    }
    const result: TransactionsResult = {
      measuredAt: new Date().toISOString(),
      loadAverage: [loadStart, loadavg()[0] ?? 0],
      config: { rounds, pageSize: PAGE_SIZE },
      sizes,
    };
    await writeFile(out, JSON.stringify(result));
  } finally {
    await sandbox.stop();
  }
}

await main();
