/**
 * `pnpm bench`: regenerates the generated peers, runs every section of src/sections/, writes bench/results.json
 * and regenerates BENCHMARKS.md and bench/ratios.svg from it.
 *
 * Environment: BENCH_ONLY=<comma list of section ids, see src/sections/index.ts> (default: all; other sections are kept from the last
 * results.json, with the date they were measured), BENCH_REPORT_ONLY=1 (re-render from results.json), BENCH_NOTE (a
 * sentence for the top of the report), and the iteration counts read by each measure-*.ts (see bench/README.md).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveClientEntry } from "./client-entry";
import { generatePeers } from "./generate-peers";
import { benchDir, chartPath, repoRoot, reportPath, resultsPath } from "./paths";
import { renderReport } from "./report";
import type { Results } from "./results";
import type { SectionContext } from "./section";
import { SECTIONS } from "./sections/index";
import { renderChart } from "./sections/latency";
import { type BenchServer, spawnTs, startBenchServer } from "./server";
import { metLabel, targetRows } from "./targets";

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
  const only = new Set(
    (process.env.BENCH_ONLY ?? SECTIONS.map((section) => section.id).join(",")).split(",").map((s) => s.trim()),
  );
  const unknown = [...only].filter((id) => !SECTIONS.some((section) => section.id === id));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY: no section ${unknown.join(", ")} (sections: ${SECTIONS.map((s) => s.id).join(", ")})`);
  }
  const previous = existsSync(resultsPath) ? (JSON.parse(await readFile(resultsPath, "utf8")) as Partial<Results>) : {};
  const client = resolveClientEntry();
  log(`@planky-kit/client entry: ${client.path}${client.isTypeScript ? " (no dist: measuring the source)" : ""}`);

  log("generating the hey-api and orval clients from spec/openapi.yaml");
  await generatePeers();
  const loadStart = loadavg();
  const started = Date.now();
  const scratch = await mkdtemp(join(tmpdir(), "planky-bench-"));
  let server: BenchServer | undefined;
  const context: SectionContext = {
    serverUrl: async () => {
      server ??= await startBenchServer();
      return server.baseUrl;
    },
    runChild: (file, args) => runChild(file, args, scratch),
    clientIsTypeScript: client.isTypeScript,
    log,
  };
  try {
    const results: Results = {
      ...previous,
      sectionRuns: { ...previous.sectionRuns },
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
    } as Results;
    for (const section of SECTIONS.filter((candidate) => only.has(candidate.id))) {
      log(section.title);
      const sectionStart = { date: new Date().toISOString(), loadAverageAtStart: loadavg()[0] ?? 0 };
      await section.measure(context, results);
      results.sectionRuns = {
        ...results.sectionRuns,
        [section.id]: { ...sectionStart, loadAverageAtEnd: loadavg()[0] ?? 0, clientCommit: results.meta.clientCommit },
      };
    }
    results.meta.loadAverageAtEnd = loadavg()[0] ?? 0;
    results.meta.durationSeconds = Math.round((Date.now() - started) / 1000);
    await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    await writeReport(results);
    for (const row of targetRows(results))
      log(`target: ${row.target}: ${row.measured}: ${metLabel(row.met, row.flips)}`);
    log(`done in ${results.meta.durationSeconds}s: bench/results.json, BENCHMARKS.md, bench/ratios.svg`);
  } finally {
    await server?.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Where the sandbox's own benchmark (packages/mock/bench) starts its section: kept when the report is rewritten. */
const SANDBOX_SECTION = "<!-- sandbox-bench:";

async function writeReport(results: Results): Promise<void> {
  // The sandbox's section (packages/mock/bench) is written by its own bench: keep it.
  const previous = await readFile(reportPath, "utf8").catch(() => "");
  const sandbox = previous.includes(SANDBOX_SECTION) ? previous.slice(previous.indexOf(SANDBOX_SECTION)) : "";
  const report = renderReport(results, SECTIONS);
  await writeFile(reportPath, sandbox ? `${report.trimEnd()}\n\n${sandbox}` : report);
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
