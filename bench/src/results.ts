/** The shape of bench/results.json. */

import type { BundleRow, EntryBundleRow } from "./measure-bundle";
import type { BurstConfig, BurstRow } from "./measure-burst";
import type { ColdStartRow } from "./measure-cold-start";
import type { CpuResults } from "./measure-cpu";
import type { FleetResults } from "./measure-fleet";
import type { HeapRow } from "./measure-heap";
import type { LatencyConfig, LatencyRow } from "./measure-latency";
import type { ResponseCheckResult } from "./measure-response-check";
import type { ResyncResult } from "./measure-resync";
import type { TransactionsResult } from "./measure-transactions";

/** When a section was last measured: `BENCH_ONLY` keeps the other sections' data from an earlier run. */
export interface SectionRun {
  date: string;
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
  clientCommit: string;
}

export interface Results {
  /** Keyed by section id (src/sections/). */
  sectionRuns?: Record<string, SectionRun>;
  meta: {
    date: string;
    node: string;
    platform: string;
    cpu: string;
    loadAverageAtStart: number;
    loadAverageAtEnd: number;
    durationSeconds: number;
    /** The @planky-kit/client file measured (dist when built). */
    clientEntry: string;
    /** `git log -1 --format="%h %s" -- packages/client`: which client was measured. */
    clientCommit: string;
    /** BENCH_NOTE, printed at the top of the report (e.g. which call path this run measured). */
    note?: string;
    versions: Record<string, string>;
  };
  latency: { config: LatencyConfig; rows: LatencyRow[] } | undefined;
  cpu: CpuResults | undefined;
  burst: { config: BurstConfig; rows: BurstRow[] } | undefined;
  heap: HeapRow[] | undefined;
  /** Issue 22: the fleet's token requests and the tracing / token-store CPU ratios (measure-fleet.ts). */
  fleet?: FleetResults | undefined;
  bundle: BundleRow[] | undefined;
  entryBundles: EntryBundleRow[] | undefined;
  coldStart: ColdStartRow[] | undefined;
  /** The client's opt-in response check, on vs off (measure-response-check.ts). */
  responseCheck?: ResponseCheckResult | undefined;
  transactions?: TransactionsResult | undefined;
  /** Issue 28: re-syncing after 1 % changed, `syncTransactions` vs a full re-pull and a hand-written diff. */
  resync?: ResyncResult | undefined;
}
