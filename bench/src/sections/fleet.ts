/** Issue 22's fleet: token requests across 8 processes and the tracing / token-store CPU ratios (measure-fleet.ts). */
import type { FleetResults } from "../measure-fleet";
import type { BenchSection } from "../section";

export const fleetSection: BenchSection = {
  id: "fleet",
  title: "fleet: token requests across 8 processes (shared store vs default); CPU with a tracer and a warm Redis store",
  measure: async (context, results) => {
    results.fleet = await context.runChild("measure-fleet.ts", []);
  },
  render: (results) => (results.fleet ? renderFleet(results.fleet).split("\n") : []),
};

function renderFleet(fleet: FleetResults | undefined): string {
  if (!fleet) return "";
  const { config, tokensPer1000, cpu } = fleet;
  const rows = cpu.map(
    (row) =>
      `| ${row.variant} | ${row.microsPerCall.toFixed(1)} | ${row.vsDefault.toFixed(2)}× | ${row.range[0].toFixed(2)}–${row.range[1].toFixed(2)} |`,
  );
  return `
## Fleet: a shared token store and tracing (issue 22)

**Token requests per 1,000 calls across ${config.processes} processes** (${config.callsPerProcess} calls each, every
round with a cold cache, median of ${config.fleetRounds} rounds, over loopback HTTP to a local token server):

| Token cache | Token requests per 1,000 calls |
| --- | ---: |
| default (each process in memory) | ${tokensPer1000.inMemory.toFixed(1)} |
| \`redisTokenStore\` (one token for the fleet) | ${tokensPer1000.redisStore.toFixed(1)} |

**CPU per call** (user + system, one process, stubbed \`fetch\`, ${config.cpuRounds} rounds × ${config.cpuCalls} calls per
variant, the variants taking turns in chunks of 100; ratio = the median of per-round ratios to the in-memory
default, range = the lowest and highest round):

| Variant | µs per call | vs default | per round |
| --- | ---: | ---: | --- |
${rows.join("\n")}
`;
}
