/**
 * CPU overhead without a network, in the style of openapi-fetch's own bench: `fetch` is a stub that answers
 * on the next tick with the spec's example, so what is left is each client's own work per call. Peers that
 * cannot take a `fetch` (undici.request) are left out.
 *
 * Usage: tsx measure-cpu.ts <out.json>
 */
import { writeFile } from "node:fs/promises";
import { collectGarbage, loadPeers, OPERATIONS, type Operation, rotate, verifyPeers } from "./load-peers";
import { BASELINE, STAINLESS } from "./peers/index";
import { envInt, median } from "./stats";
import { stubFetch } from "./stub-fetch";

export interface CpuRow {
  peer: string;
  operation: Operation;
  /** Median over rounds of the mean time per call, in microseconds. */
  microsPerCall: number;
  callsPerSecond: number;
  /** Medians over rounds of microsPerCall divided by the baseline's in the same round. */
  vsFetch: number;
  vsOpenapiFetch: number;
  /** Medians over rounds of microsPerCall divided by each reference peer's in the same round (fetch,
   * openapi-fetch, the Stainless SDKs), keyed by peer id: the target ratios. */
  vs: Record<string, number>;
}

const REFERENCES = [BASELINE, "openapi-fetch", ...STAINLESS];

const CHUNK = 50;

async function timeCalls(call: () => Promise<unknown>, iterations: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await call();
  return ((performance.now() - started) * 1000) / iterations;
}

async function main(): Promise<void> {
  const [outPath] = process.argv.slice(2);
  if (!outPath) throw new Error("usage: measure-cpu.ts <out.json>");
  const config = { rounds: envInt("BENCH_CPU_ROUNDS", 6), iterations: envInt("BENCH_CPU_ITERATIONS", 1000) };
  const peers = await loadPeers({ baseUrl: "http://127.0.0.1:9", fetch: stubFetch }, (info) => !info.noFetchStub);
  await verifyPeers(peers);
  for (const { peer } of peers) for (const operation of OPERATIONS) await timeCalls(() => peer[operation](), 1000);

  // Clients take turns in chunks of CHUNK calls, so a burst of load from elsewhere hits all of them alike.
  const perRound = new Map<string, number[]>();
  for (let round = 0; round < config.rounds; round++) {
    process.stderr.write(`  cpu round ${round + 1}/${config.rounds}\n`);
    for (const operation of OPERATIONS) {
      collectGarbage();
      const totals = new Map<string, number>();
      for (let chunk = 0; chunk < config.iterations / CHUNK; chunk++) {
        for (const { info, peer } of rotate(peers, round + chunk)) {
          const micros = await timeCalls(() => peer[operation](), CHUNK);
          totals.set(info.id, (totals.get(info.id) ?? 0) + micros);
        }
      }
      for (const [id, total] of totals) {
        const list = perRound.get(`${operation}|${id}`) ?? [];
        list.push(total / Math.ceil(config.iterations / CHUNK));
        perRound.set(`${operation}|${id}`, list);
      }
    }
  }

  const rows: CpuRow[] = [];
  for (const operation of OPERATIONS) {
    for (const { info } of peers) {
      const rounds = perRound.get(`${operation}|${info.id}`) ?? [];
      const microsPerCall = median(rounds);
      const vs = Object.fromEntries(
        REFERENCES.filter((id) => perRound.has(`${operation}|${id}`)).map((id) => {
          const base = perRound.get(`${operation}|${id}`) as number[];
          return [id, median(rounds.map((m, i) => m / (base[i] as number)))];
        }),
      );
      rows.push({
        peer: info.id,
        operation,
        microsPerCall,
        callsPerSecond: 1e6 / microsPerCall,
        vsFetch: vs[BASELINE] ?? Number.NaN,
        vsOpenapiFetch: vs["openapi-fetch"] ?? Number.NaN,
        vs,
      });
    }
  }
  await writeFile(outPath, JSON.stringify({ config, rows }));
}

await main();
