/** The client's response check (`validateResponses`) on vs off, stubbed fetch (measure-response-check.ts). */
import type { Results } from "../results";
import type { BenchSection } from "../section";

export const responseCheckSection: BenchSection = {
  id: "response-check",
  title: "response check: the client's validateResponses on vs off, stubbed fetch, no network",
  measure: async (context, results) => {
    results.responseCheck = await context.runChild("measure-response-check.ts", []);
  },
  render: renderResponseCheck,
};

const pct = (ratio: number) => `${(Math.abs(ratio) < 0.0005 ? 0 : ratio * 100).toFixed(1)} %`;

function renderResponseCheck(results: Results): string[] {
  const check = results.responseCheck;
  if (!check) return [];
  const { bareFetch, checkOff, checkOn } = check.microsPerCall;
  const met = check.checkShareOfClientCpu <= 0.25;
  return [
    "## Response check (`validateResponses`) on the consent status",
    "",
    "What `validateResponses: responseValidator(...)` from `@planky-kit/client/validate` adds per call, with no network",
    "(the CPU run's stub `fetch` answering the spec's consent-status example). The client with the check off and on and",
    "the bare stub (fetch + JSON parse) take turns in chunks of 10 calls within each round; each round keeps each one's",
    "20th-percentile chunk (on a shared machine the lower chunks are the ones no other process interrupted); ratios are",
    `per round, then the median over ${check.config.rounds} rounds of ${check.config.iterations} calls each. Measured`,
    `${check.measuredAt.slice(0, 16).replace("T", " ")} UTC (re-measure this section alone with \`BENCH_ONLY=response-check\`), load average`,
    `${check.loadAverage[0].toFixed(1)} at the start and ${check.loadAverage[1].toFixed(1)} at the end.`,
    "",
    "| | µs per call (median) |",
    "| --- | ---: |",
    `| bare stub fetch + JSON parse | ${bareFetch.toFixed(2)} |`,
    `| client, check off | ${checkOff.toFixed(2)} |`,
    `| client, check on | ${checkOn.toFixed(2)} |`,
    "",
    `- Check on vs off: **${check.onVsOff.toFixed(3)}×** (rounds ${check.onVsOffRange[0].toFixed(3)}–${check.onVsOffRange[1].toFixed(3)}).`,
    `- The check's cost as a share of the client's own CPU per call ((on − off) / (off − bare stub)): **${pct(check.checkShareOfClientCpu)}**`,
    `  (rounds ${pct(check.checkShareRange[0])}–${pct(check.checkShareRange[1])}). Target ≤ 25 %: ${met ? "met" : "**not met**"}.`,
    "",
  ];
}
