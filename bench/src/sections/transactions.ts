/** Pulling every transaction from the sandbox: the client vs a fetch loop (measure-transactions.ts). */
import type { Results } from "../results";
import type { BenchSection } from "../section";

export const transactionsSection: BenchSection = {
  id: "transactions",
  title: "transactions: every transaction from the sandbox, the client vs a fetch loop (2,000 and 10,000)",
  measure: async (context, results) => {
    results.transactions = await context.runChild("measure-transactions.ts", []);
  },
  render: renderTransactions,
};

function renderTransactions(results: Results): string[] {
  const run = results.transactions;
  if (!run) return [];
  const rows = run.sizes.map(
    (size) =>
      `| ${size.transactions.toLocaleString("en-GB")} | ${size.clientMs.toFixed(0)} | ${size.fetchLoopMs.toFixed(0)} | ` +
      `${size.ratio.toFixed(2)}× [${size.ratioRange[0].toFixed(2)}–${size.ratioRange[1].toFixed(2)}] | ` +
      `${size.clientPeakHeapMiB.toFixed(1)} | ${size.fetchLoopPeakHeapMiB.toFixed(1)} |`,
  );
  const [small, large] = run.sizes;
  const target = large ? (large.ratio <= 1.2 ? "met" : "not met") : "not measured";
  const flat =
    small && large
      ? `The client's peak reachable heap was ${small.clientPeakHeapMiB.toFixed(1)} MiB for ${small.transactions.toLocaleString("en-GB")} transactions and ${large.clientPeakHeapMiB.toFixed(1)} MiB for ${large.transactions.toLocaleString("en-GB")}.`
      : "";
  return [
    "## Pulling every transaction from the sandbox (issue 19)",
    "",
    `Measured ${run.measuredAt.slice(0, 16).replace("T", " ")} UTC, load average ${run.loadAverage[0].toFixed(1)} → ` +
      `${run.loadAverage[1].toFixed(1)}. \`customers.transactions()\` against a hand-written \`fetch\` loop over the ` +
      `same pages (${run.config.pageSize} per page) from \`planky-mock serve\` (Prism in front of the stateful ` +
      `API, loopback HTTP), ${run.config.rounds} rounds taking turns; wall ms are medians of rounds, the ratio is ` +
      "the median of per-round ratios [lowest–highest round]; peak heap is, in one more (untimed) pull each, the largest " +
      "heap still reachable after a page (a forced GC before each reading), over the heap before the pull.",
    "",
    "| transactions | client ms | fetch loop ms | client ÷ fetch loop | client peak heap MiB | fetch loop peak heap MiB |",
    "| ---: | ---: | ---: | --- | ---: | ---: |",
    ...rows,
    "",
    `Target (issue 19): the 10,000-transaction pull within 1.2× the fetch loop: **${target}** by the median. ${flat}`,
    "",
  ];
}
