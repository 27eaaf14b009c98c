/**
 * The sections of `pnpm bench`, in report order. Each measures into `results` and renders its part of
 * BENCHMARKS.md; `BENCH_ONLY` picks them by id. To add one: a `measure-<topic>.ts` exporting a measure function,
 * a field for its data in `Results` (src/results.ts), and an entry here (see bench/README.md).
 */

import { renderFleetSection } from "./fleet-report";
import { measureBundles, measureEntryBundles } from "./measure-bundle";
import { measureColdStart } from "./measure-cold-start";
import { measureCpu } from "./measure-cpu";
import type { HeapRow } from "./measure-heap";
import { PEERS } from "./peers/index";
import { renderBundle, renderBurst, renderColdStart, renderCpu, renderHeap, renderLatency } from "./report";
import { responseCheckSection } from "./report-response-check";
import { renderTransactions } from "./report-transactions";
import type { Results } from "./results";

export interface SectionContext {
  /** The local bench server's origin (bench/src/serve.ts, own process), started on first use. */
  serverUrl(): Promise<string>;
  /** Runs a `measure-*.ts` script in a fresh process with `args` and the path of a JSON file it writes; its data. */
  runChild<T>(file: string, args: string[]): Promise<T>;
  /** Whether the client is measured from its TypeScript source (no dist built). */
  clientIsTypeScript: boolean;
  log(message: string): void;
}

export interface BenchSection {
  /** The name `BENCH_ONLY` takes. */
  id: string;
  /** What the run log says when the section starts. */
  title: string;
  measure(context: SectionContext, results: Results): Promise<void>;
  /** This section's part of BENCHMARKS.md (nothing when its data is absent). */
  render(results: Results): string[];
}

export const SECTIONS: BenchSection[] = [
  {
    id: "latency",
    title: "latency: raw fetch vs the peers over loopback HTTP",
    measure: async (context, results) => {
      results.latency = await context.runChild("measure-latency.ts", [await context.serverUrl()]);
    },
    render: renderLatency,
  },
  {
    id: "burst",
    title: "burst: 2,000 calls at once over loopback HTTP",
    measure: async (context, results) => {
      results.burst = await context.runChild("measure-burst.ts", [await context.serverUrl()]);
    },
    render: renderBurst,
  },
  {
    id: "cpu",
    title: "cpu: stubbed fetch, no network, each client in its own process",
    measure: async (context, results) => {
      results.cpu = await measureCpu(context.log);
    },
    render: renderCpu,
  },
  {
    id: "heap",
    title: "heap: one reused AbortSignal, heap growth per call (a fresh process per client)",
    measure: async (context, results) => {
      const heap: HeapRow[] = [];
      for (const info of PEERS.filter((peer) => peer.passesSignal)) {
        heap.push(...(await context.runChild<HeapRow[]>("measure-heap.ts", [await context.serverUrl(), info.id])));
      }
      results.heap = heap;
    },
    render: renderHeap,
  },
  {
    id: "bundle",
    title: "bundle: esbuild, browser, minified + gzip",
    measure: async (_context, results) => {
      results.bundle = await measureBundles();
      results.entryBundles = await measureEntryBundles();
    },
    render: renderBundle,
  },
  {
    id: "cold-start",
    title: "cold start: import + create in a fresh node process",
    measure: async (context, results) => {
      results.coldStart = await measureColdStart(context.clientIsTypeScript);
    },
    render: renderColdStart,
  },
  {
    id: "response-check",
    title: "response check: the client's validateResponses on vs off, stubbed fetch, no network",
    measure: async (context, results) => {
      results.responseCheck = await context.runChild("measure-response-check.ts", []);
    },
    render: responseCheckSection,
  },
  {
    id: "fleet",
    title:
      "fleet: token requests across 8 processes (shared store vs default); CPU with a tracer and a warm Redis store",
    measure: async (context, results) => {
      results.fleet = await context.runChild("measure-fleet.ts", []);
    },
    render: (results) => (results.fleet ? renderFleetSection(results.fleet).split("\n") : []),
  },
  {
    id: "transactions",
    title: "transactions: every transaction from the sandbox, the client vs a fetch loop (2,000 and 10,000)",
    measure: async (context, results) => {
      results.transactions = await context.runChild("measure-transactions.ts", []);
    },
    render: renderTransactions,
  },
];
