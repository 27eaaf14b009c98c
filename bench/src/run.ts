/**
 * `pnpm bench`: regenerates the generated peers, runs every measurement, writes bench/results.json and
 * regenerates BENCHMARKS.md and bench/ratios.svg from it.
 *
 * Environment: BENCH_ONLY=latency,burst,heap,cpu,bundle,cold-start,fleet (default: all; other sections are kept from the
 * last results.json), BENCH_REPORT_ONLY=1 (re-render from results.json), BENCH_NOTE (a sentence for the top of the
 * report), and the iteration counts read by each measure-*.ts (see bench/README.md).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveClientEntry } from "./client-entry";
import { renderFleetSection } from "./fleet-report";
import { generatePeers } from "./generate-peers";
import { measureBundles, measureEntryBundles } from "./measure-bundle";
import { measureColdStart } from "./measure-cold-start";
import type { HeapRow } from "./measure-heap";
import { benchDir, chartPath, repoRoot, reportPath, resultsPath } from "./paths";
import { PEERS } from "./peers/index";
import { renderChart, renderReport } from "./report";
import type { Results } from "./results";
import { spawnTs, startBenchServer } from "./server";
import { metLabel, targetRows } from "./targets";

const SECTIONS = ["latency", "burst", "heap", "cpu", "bundle", "cold-start", "fleet"] as const;
const PACKAGES = [
  "openapi-fetch",
  "undici",
  "axios",
  "@hey-api/openapi-ts",
  "orval",
  "@anthropic-ai/sdk",
  "openai",
  "esbuild",
];

async function main(): Promise<void> {
  if (process.env.BENCH_REPORT_ONLY) return writeReport(JSON.parse(await readFile(resultsPath, "utf8")) as Results);
  const only = new Set((process.env.BENCH_ONLY ?? SECTIONS.join(",")).split(",").map((s) => s.trim()));
  const previous = existsSync(resultsPath) ? (JSON.parse(await readFile(resultsPath, "utf8")) as Partial<Results>) : {};
  const client = resolveClientEntry();
  log(`@planky-kit/client entry: ${client.path}${client.isTypeScript ? " (no dist: measuring the source)" : ""}`);

  log("generating the hey-api and orval clients from spec/openapi.yaml");
  await generatePeers();
  const loadStart = loadavg();
  const started = Date.now();
  const scratch = await mkdtemp(join(tmpdir(), "planky-bench-"));
  try {
    const results: Results = {
      meta: {
        date: new Date().toISOString(),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpu: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
        loadAverageAtStart: loadStart[0] ?? 0,
        loadAverageAtEnd: 0,
        durationSeconds: 0,
        clientEntry: client.path,
        clientCommit: clientCommit(),
        ...(process.env.BENCH_NOTE ? { note: process.env.BENCH_NOTE } : {}),
        versions: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
      },
      latency: previous.latency,
      cpu: previous.cpu,
      burst: previous.burst,
      heap: previous.heap,
      bundle: previous.bundle,
      entryBundles: previous.entryBundles,
      coldStart: previous.coldStart,
      fleet: previous.fleet,
    };
    if (only.has("latency") || only.has("burst") || only.has("heap")) {
      const server = await startBenchServer();
      try {
        if (only.has("latency")) {
          log("latency: raw fetch vs the peers over loopback HTTP");
          results.latency = await runChild("measure-latency.ts", [server.baseUrl], scratch);
        }
        if (only.has("burst")) {
          log("burst: 2,000 calls at once over loopback HTTP");
          results.burst = await runChild("measure-burst.ts", [server.baseUrl], scratch);
        }
        if (only.has("heap")) {
          log("heap: one reused AbortSignal, heap growth per call (a fresh process per client)");
          const heap = [];
          for (const info of PEERS.filter((peer) => peer.passesSignal)) {
            heap.push(...(await runChild<HeapRow[]>("measure-heap.ts", [server.baseUrl, info.id], scratch)));
          }
          results.heap = heap;
        }
      } finally {
        await server.stop();
      }
    }
    if (only.has("cpu")) {
      log("cpu: stubbed fetch, no network");
      results.cpu = await runChild("measure-cpu.ts", [], scratch);
    }
    if (only.has("bundle")) {
      log("bundle: esbuild, browser, minified + gzip");
      results.bundle = await measureBundles();
      results.entryBundles = await measureEntryBundles();
    }
    if (only.has("cold-start")) {
      log("cold start: import + create in a fresh node process");
      results.coldStart = await measureColdStart(client.isTypeScript);
    }
    if (only.has("fleet")) {
      log("fleet: token requests across 8 processes (Redis store vs default), tracing and token-store CPU ratios");
      results.fleet = await runChild("measure-fleet.ts", [], scratch);
    }
    results.meta.loadAverageAtEnd = loadavg()[0] ?? 0;
    results.meta.durationSeconds = Math.round((Date.now() - started) / 1000);
    await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    await writeReport(results);
    for (const row of targetRows(results))
      log(`target: ${row.target}: ${row.measured}: ${metLabel(row.met, row.flips)}`);
    log(`done in ${results.meta.durationSeconds}s: bench/results.json, BENCHMARKS.md, bench/ratios.svg`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function writeReport(results: Results): Promise<void> {
  await writeFile(reportPath, renderReport(results) + renderFleetSection(results.fleet));
  await writeFile(chartPath, renderChart(results));
}

/** Runs a measure-*.ts file in a fresh process (clean heap, --expose-gc) and reads the JSON it writes. */
async function runChild<T>(file: string, args: string[], scratch: string): Promise<T> {
  const out = join(scratch, `${[file, ...args.slice(1)].join("-")}.json`);
  const child = spawnTs(
    fileURLToPath(new URL(`./${file}`, import.meta.url)),
    ["ignore", "inherit", "inherit"],
    [...args, out],
  );
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`${file} exited with ${code}`);
  return JSON.parse(await readFile(out, "utf8")) as T;
}

function packageVersion(name: string): string {
  const manifest = join(benchDir, "node_modules", name, "package.json");
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version : "?";
}

function clientCommit(): string {
  try {
    return execFileSync("git", ["log", "-1", "--format=%h %s", "--", "packages/client"], { cwd: repoRoot })
      .toString()
      .trim();
  } catch {
    return "unknown (not a git checkout)";
  }
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

await main();
