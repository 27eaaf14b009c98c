/** Latency and throughput over loopback HTTP (measure-latency.ts), and the ratio chart bench/ratios.svg. */
import { int, ms, ratio } from "../format";
import type { Operation } from "../load-peers";
import type { Mode } from "../measure-latency";
import { CLIENTS } from "../peers/index";
import type { Results } from "../results";
import type { BenchSection } from "../section";

export const latencySection: BenchSection = {
  id: "latency",
  title: "latency: raw fetch vs the peers over loopback HTTP",
  measure: async (context, results) => {
    results.latency = await context.runChild("measure-latency.ts", [await context.serverUrl()]);
  },
  render: renderLatency,
};

function renderLatency(results: Results): string[] {
  if (!results.latency) return [];
  const { config, rows } = results.latency;
  const out = [
    "## Latency and throughput over loopback HTTP",
    "",
    `Per call and round: ${int(config.sequentialRequests)} sequential requests per client, the clients taking turns request by request`,
    `(so load from elsewhere hits all alike), then a batch of ${int(config.concurrentRequests)} requests with ${config.concurrency} in flight per client, in an order`,
    `that rotates every round. ${config.rounds} rounds; values are medians over rounds;`,
    "**× fetch** is the median over rounds of the client's median latency divided by raw fetch's in the same",
    "round (above 1 is slower), **× o-f** the same against bare openapi-fetch.",
    "",
    "![Median latency as a multiple of raw fetch](bench/ratios.svg)",
    "",
  ];
  for (const mode of ["sequential", "concurrent"] as Mode[]) {
    out.push(
      mode === "sequential" ? "### Sequential (one request at a time)" : `### ${config.concurrency} requests in flight`,
      "",
    );
    const header = ["Client"];
    for (const operation of ["consentStatus", "createInvitation"] as Operation[]) {
      const short = operation === "consentStatus" ? "GET" : "POST";
      header.push(`${short} median ms`, `${short} p99 ms`, `${short} req/s`, `${short} × fetch`, `${short} × o-f`);
    }
    out.push(
      `| ${header.join(" | ")} |`,
      `| --- | ${header
        .slice(1)
        .map(() => "---:")
        .join(" | ")} |`,
    );
    for (const peer of CLIENTS) {
      const cells = [peer.id === "planky" ? `**${peer.label}**` : peer.label];
      for (const operation of ["consentStatus", "createInvitation"] as Operation[]) {
        const row = rows.find((r) => r.peer === peer.id && r.mode === mode && r.operation === operation);
        if (!row) {
          cells.push("", "", "", "", "");
          continue;
        }
        cells.push(
          ms(row.medianMs),
          ms(row.p99Ms),
          int(row.requestsPerSecond),
          ratio(row.vsFetch.median),
          ratio(row.vsOpenapiFetch.median),
        );
      }
      out.push(`| ${cells.join(" | ")} |`);
    }
    out.push("");
  }
  return out;
}

const SERIES: { mode: Mode; operation: Operation; label: string; color: string }[] = [
  { mode: "sequential", operation: "consentStatus", label: "sequential, consent status", color: "#4e79a7" },
  { mode: "sequential", operation: "createInvitation", label: "sequential, create invitation", color: "#a0cbe8" },
  { mode: "concurrent", operation: "consentStatus", label: "32 in flight, consent status", color: "#f28e2b" },
  { mode: "concurrent", operation: "createInvitation", label: "32 in flight, create invitation", color: "#ffbe7d" },
];

/** Horizontal grouped bars: median latency per client as a multiple of raw fetch, four series. */
export function renderChart(results: Results): string {
  const rows = results.latency?.rows ?? [];
  const width = 760;
  const left = 190;
  const right = 40;
  const barHeight = 9;
  const groupHeight = SERIES.length * barHeight + 14;
  const top = 70;
  const height = top + CLIENTS.length * groupHeight + 40;
  const maxRatio = Math.max(2, ...rows.map((row) => row.vsFetch.median));
  const scaleMax = Math.ceil(maxRatio * 2) / 2;
  const x = (value: number) => Math.round((left + (value / scaleMax) * (width - left - right)) * 10) / 10;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">Median latency as a multiple of raw fetch (lower is better)</text>`,
  ];
  SERIES.forEach((series, index) => {
    const lx = left + (index % 2) * 270;
    const ly = 36 + Math.floor(index / 2) * 16;
    parts.push(
      `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${series.color}"/>`,
      `<text x="${lx + 14}" y="${ly}">${series.label}</text>`,
    );
  });
  for (let tick = 0; tick <= scaleMax + 1e-9; tick += 0.5) {
    const tx = x(tick);
    parts.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${height - 30}" stroke="${tick === 1 ? "#333" : "#ddd"}" stroke-width="${tick === 1 ? 1.5 : 1}"/>`,
      `<text x="${tx}" y="${height - 14}" text-anchor="middle" fill="#555">${tick.toFixed(1)}×</text>`,
    );
  }
  CLIENTS.forEach((peer, index) => {
    const gy = top + index * groupHeight;
    parts.push(
      `<text x="${left - 8}" y="${gy + (SERIES.length * barHeight) / 2 + 4}" text-anchor="end"${peer.id === "planky" ? ' font-weight="bold"' : ""}>${peer.label}</text>`,
    );
    SERIES.forEach((series, s) => {
      const row = rows.find((r) => r.peer === peer.id && r.mode === series.mode && r.operation === series.operation);
      if (!row) return;
      const value = row.vsFetch.median;
      const y = gy + s * barHeight;
      parts.push(
        `<rect x="${left}" y="${y}" width="${Math.max(0, x(value) - left).toFixed(1)}" height="${barHeight - 1}" fill="${series.color}"><title>${peer.label}, ${series.label}: ${value.toFixed(2)}×</title></rect>`,
        `<text x="${(x(value) + 4).toFixed(1)}" y="${y + barHeight - 1}" font-size="9" fill="#333">${value.toFixed(2)}</text>`,
      );
    });
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
