/** Cold start: import + create in a fresh node process (measure-cold-start.ts). */
import { label } from "../format";
import { measureColdStart } from "../measure-cold-start";
import type { Results } from "../results";
import type { BenchSection } from "../section";

export const coldStartSection: BenchSection = {
  id: "cold-start",
  title: "cold start: import + create in a fresh node process",
  measure: async (context, results) => {
    results.coldStart = await measureColdStart(context.clientIsTypeScript);
  },
  render: renderColdStart,
};

function renderColdStart(results: Results): string[] {
  if (!results.coldStart) return [];
  return [
    "## Cold start",
    "",
    "A fresh `node` process per sample imports the client's module and creates the client; the time from",
    "`import()` to a created client is measured inside the process. npm packages load from node_modules as in",
    "an app; generated code is compiled to JavaScript first. Node's own fetch implementation, which it loads",
    "lazily, is loaded before the clock starts (every fetch-based client pays it on its first request anyway).",
    "Runs alternate between clients; medians.",
    "",
    "| Client | import + create, median ms | p90 ms | over raw fetch ms | whole process, median ms |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...results.coldStart.map(
      (row) =>
        `| ${row.peer === "planky" ? `**${label(row.peer)}**` : label(row.peer)} | ${row.importMs.toFixed(1)} | ${row.importP90Ms.toFixed(1)} | ${row.importOverFetchMs.toFixed(1)} | ${row.processMs.toFixed(0)} |`,
    ),
    "",
  ];
}
