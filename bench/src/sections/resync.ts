/** Issue 28: re-syncing after 1 % of the transactions changed (measure-resync.ts); its targets are in targets.ts. */
import type { Results } from "../results";
import type { BenchSection } from "../section";

export const resyncSection: BenchSection = {
  id: "resync",
  title: "resync: syncTransactions after 1 % changed vs a full re-pull and a hand-written diff (2,000 and 10,000)",
  measure: async (context, results) => {
    results.resync = await context.runChild("measure-resync.ts", []);
  },
  render: renderResync,
};

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)}`;

function renderResync(results: Results): string[] {
  const run = results.resync;
  if (!run) return [];
  const rows = run.sizes.map(
    (size) =>
      `| ${size.transactions.toLocaleString("en-GB")} | ${size.changed.booked} / ${size.changed.added} / ${size.changed.removed} | ` +
      `${size.result.added} / ${size.result.modified} / ${size.result.removed} | ` +
      `${size.resync.requests} · ${kb(size.resync.bytes)} | ${size.fullPull.requests} · ${kb(size.fullPull.bytes)} | ` +
      `${((size.resync.bytes / size.fullPull.bytes) * 100).toFixed(1)} % | ${size.clientCpuMs.toFixed(1)} | ` +
      `${size.handLoopCpuMs.toFixed(1)} | ${size.ratio.toFixed(2)}× [${size.ratioRange[0].toFixed(2)}–${size.ratioRange[1].toFixed(2)}] | ` +
      `${size.peakHeapMiB.toFixed(2)} | ${kb(size.cursorBytes)} |`,
  );
  return [
    "## Re-syncing after 1 % changed (issue 28)",
    "",
    `Measured ${run.measuredAt.slice(0, 16).replace("T", " ")} UTC, load average ${run.loadAverage[0].toFixed(1)} → ` +
      `${run.loadAverage[1].toFixed(1)}. A customer of \`planky-mock serve\` (its own process; Prism in front of the ` +
      `stateful API, loopback HTTP) with the sandbox's history and then ${run.config.perWeek} new transactions a ` +
      "week (the sandbox clock moved a week between batches) up to the total, so both customers have the same " +
      `${run.config.overlapDays}-day overlap window and the larger one a longer history. After a first sync, ` +
      `${run.config.changedShare * 100} % of the total changed: Pending transactions booked under new ids (the ` +
      "sandbox's default), new ones added, recent ones removed. From that cursor, `customers.syncTransactions()` " +
      "(every call until `hasMore` is false) against a full re-pull (`customers.transactions()`, every page), and " +
      "against a hand-written loop over the same window's pages that diffs each transaction's `JSON.stringify` text " +
      `by id; CPU is this process' user + system time (the sandbox runs elsewhere), ${run.config.rounds} rounds ` +
      "taking turns: medians, the ratio the median of per-round ratios [lowest–highest]. Peak heap: five more " +
      "re-syncs, the largest reading of " +
      "the heap still reachable (a forced GC before each reading) right after each page is parsed inside a call and " +
      "with each call's result and cursor in hand, over the heap before it.",
    "",
    "Where the client's CPU goes beyond the hand loop's (a CPU profile of this section with the built client, per " +
      "re-sync of about 500 window transactions; our reading of it): writing each transaction's canonical JSON about " +
      "1.4 ms, hashing it about 0.9 ms, the sync's own bookkeeping (maps of the window's ids, helpers inlined into " +
      "it) about 1.1 ms, decoding and encoding the cursor about 0.45 ms. That buys a cursor of about 50 bytes per " +
      "window transaction, where the hand loop keeps each transaction's whole JSON text (about 330 bytes in the " +
      "sandbox) between syncs. The load average was far above the machine's 2 cores: single rounds scatter widely.",
    "",
    "| transactions | changed: booked / added / removed | result: added / modified / removed | re-sync: requests · kB | full re-pull: requests · kB | bytes share | client CPU ms | hand loop CPU ms | client ÷ hand loop | peak heap MiB | cursor kB |",
    "| ---: | --- | --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: |",
    ...rows,
    "",
    "A booked transaction under a new id is one `removed` and one `added`; the targets are in the table at the top.",
    "",
  ];
}
