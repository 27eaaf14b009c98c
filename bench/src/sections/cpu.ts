/** CPU per call without a network, each client in its own process (measure-cpu.ts). */
import { cpuMetric, int, label, metricName, spreadCell } from "../format";
import type { Operation } from "../load-peers";
import { type CpuMetric, type CpuRow, FASTER_STAINLESS, measureCpu } from "../measure-cpu";
import { PEERS } from "../peers/index";
import type { Results } from "../results";
import type { BenchSection } from "../section";

export const cpuSection: BenchSection = {
  id: "cpu",
  title: "cpu: stubbed fetch, no network, each client in its own process",
  measure: async (context, results) => {
    results.cpu = await measureCpu(context.log);
  },
  render: renderCpu,
};

/** What this run establishes: against which clients every round falls on one side of 1, and where it cannot tell. */
function cpuVerdict(results: Results, references: { id: string; label: string }[]): string[] {
  const cpu = results.cpu;
  if (!cpu) return [];
  const metric = cpuMetric(results);
  const ops: [Operation, string][] = [
    ["consentStatus", "GET"],
    ["createInvitation", "POST"],
  ];
  const less: string[] = [];
  const more: string[] = [];
  const unknown: string[] = [];
  for (const [operation, short] of ops) {
    const ours = cpu.rows.find((row) => row.peer === "planky" && row.operation === operation);
    for (const reference of references) {
      const value = ours?.vs[reference.id]?.[metric];
      if (!value) continue;
      const name = `${reference.label} (${short})`;
      if (value.max < 1) less.push(name);
      else if (value.min > 1) more.push(name);
      else unknown.push(name);
    }
  }
  const list = (names: string[]) => (names.length > 0 ? names.join(", ") : "none");
  const loads = cpu.loadAverages;
  const cores = Number.parseInt(results.meta.cpu, 10) || 1;
  return [
    `**What this run shows** (${metricName[metric]}, every round on the same side of 1):`,
    "",
    `- ours cost less in every round than: ${list(less)};`,
    `- ours cost more in every round than: ${list(more)};`,
    `- rounds on both sides, so this run cannot tell which costs less: ${list(unknown)}.`,
    "",
    Math.min(...loads) > cores
      ? `The load average stayed above the ${cores} cores all through this run (${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}): other processes kept every core busy, and even main-thread CPU varied between rounds by the factors in brackets (our inference: each preemption costs the client cache refills, which count as its CPU). Medians inside those ranges are not differences this run establishes.`
      : "",
    "",
  ];
}

function renderCpu(results: Results): string[] {
  if (!results.cpu) return [];
  const { config, rows, threadCpuSource, responseBytes, loadAverages } = results.cpu;
  const metric = cpuMetric(results);
  const ops: Operation[] = ["consentStatus", "createInvitation"];
  const find = (peer: string, operation: Operation) =>
    rows.find((row) => row.peer === peer && row.operation === operation);
  const shown = PEERS.filter((peer) => ops.every((operation) => find(peer.id, operation)));
  const metrics: CpuMetric[] = threadCpuSource ? ["thread", "wall", "process"] : ["wall", "process"];
  const head = ops.flatMap((operation) => metrics.map((m) => `${operation === "consentStatus" ? "GET" : "POST"} ${m}`));
  const align = head.map(() => "---:").join(" | ");
  const name = (id: string) => (id === "planky" ? `**${label(id)}**` : label(id));
  const ours = (reference: string) => (row: CpuRow | undefined, m: CpuMetric) => spreadCell(row?.vs[reference]?.[m]);
  const references = [
    ...shown.filter((peer) => peer.id !== "planky").map((peer) => ({ id: peer.id, label: label(peer.id) })),
    { id: FASTER_STAINLESS, label: "the faster Stainless SDK (per round)" },
  ];
  const calls = config.turns * config.callsPerTurn;
  return [
    "## CPU per call without a network",
    "",
    "Every client runs in its own Node process (its own V8 isolate, JIT and undici), on one stub `fetch` that does",
    "what a real `fetch` does first (`new Request(input, init)`) and answers on the next macrotask with the same bytes",
    `for every client (GET ${responseBytes.consentStatus} B, POST ${responseBytes.createInvitation} B: the union of the spec's example and each Stainless API's body;`,
    "every POST sends a body of the same size). What differs between clients is their own work per call.",
    `Each process first checks both calls return that body, then makes ${int(config.warmupCalls)} untimed calls per operation; an untimed round`,
    `follows, then ${config.rounds} timed rounds. In a round, per operation, come ${config.turns} cycles; in a cycle every client takes one turn of`,
    `${config.callsPerTurn} sequential calls, one client at a time, in a fresh random order (${int(calls)} calls per client and round). No garbage`,
    "collection is forced.",
    "",
    "Three measures per call, each read per turn inside the client's own process:",
    "",
    threadCpuSource
      ? `- **thread**: CPU time of the process's main thread, where the client's JavaScript runs, from ${threadCpuSource}. It excludes time spent waiting for a core, so load from other processes changes it least. It also excludes V8's GC helper threads.`
      : "- **thread**: not available on this platform (Node 20 has no per-thread CPU counter outside Linux); the targets use process CPU.",
    "- **wall**: elapsed time. On a loaded machine it includes waiting for a core, so it grows with the load.",
    "- **process**: `process.cpuUsage()` of the client's process (user + system): the main thread plus V8's GC and",
    "  compiler helper threads. Since each process holds one client, this counts the client's collections too.",
    "",
    `The targets use **${metric}**. Load average (1 min) at each round's start: ${loadAverages.map((value) => value.toFixed(1)).join(", ")}`,
    `on ${results.meta.cpu.split(" ")[0]} cores. undici.request takes no \`fetch\`, so it is not here; axios runs with its fetch adapter.`,
    "",
    "The two Stainless-generated SDKs are feature-class peers: like ours they carry auth (an API key given up",
    "front), retries (2, their default and ours), a timeout per request (their default, 10 min) and typed errors.",
    "They speak their own APIs, so they run only here: `models.retrieve` is their GET, `messages.create`",
    "(@anthropic-ai/sdk) and `chat.completions.create` (openai) their POST (bench/src/peers/stainless-fixtures.ts).",
    "",
    "### µs per call",
    "",
    "A client's value for a round is its median turn; the table shows the median over rounds [lowest–highest round].",
    "Absolute µs depend on the machine and its load at the time; compare clients through the ratios below.",
    "",
    `| Client | ${head.join(" | ")} |`,
    `| --- | ${align} |`,
    ...shown.map(
      (peer) =>
        `| ${name(peer.id)} | ${ops.flatMap((operation) => metrics.map((m) => spreadCell(find(peer.id, operation)?.micros[m], 0))).join(" | ")} |`,
    ),
    "",
    "### Ours ÷ each client, within a round",
    "",
    "Our client's µs per call divided by the other client's (below 1: ours costs less), turn by turn within a cycle, so",
    "the two turns are close in time; a round's ratio is the median over its cycles; shown: the median over rounds",
    "[lowest–highest round]. A ratio whose range crosses 1 does not say which of the two costs less.",
    "",
    `| Ours ÷ | ${head.join(" | ")} |`,
    `| --- | ${align} |`,
    ...references.map(
      (reference) =>
        `| ${reference.label} | ${ops.flatMap((operation) => metrics.map((m) => ours(reference.id)(find("planky", operation), m))).join(" | ")} |`,
    ),
    "",
    ...cpuVerdict(results, references),
    "The last two client rows are not alternatives: bare openapi-fetch with our request loop's per-attempt timeout,",
    "then also its way of reading the body (bench/src/peers/openapi-fetch-ablation.ts); the summary at the top uses",
    "them to split our overhead.",
    "",
  ];
}
