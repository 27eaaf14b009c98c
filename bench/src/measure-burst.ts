/**
 * A burst over loopback HTTP: BURST_CALLS (2,000) calls started at once, the wall time from the first start to the
 * last answer. Raw fetch, bare openapi-fetch and ours take turns (rotating order), one batch each per call and
 * round; the ratio to raw fetch is taken within each round, then the median over rounds.
 *
 * Usage: tsx measure-burst.ts <baseUrl> <out.json>
 */
import { writeFile } from "node:fs/promises";
import { countListenerWarnings, takeListenerWarnings } from "./listener-warnings";
import { collectGarbage, loadPeers, OPERATIONS, type Operation, rotate, verifyPeers } from "./load-peers";
import { BASELINE } from "./peers/index";
import { envInt, median } from "./stats";

export interface BurstRow {
  peer: string;
  operation: Operation;
  /** Median over rounds of the burst's wall time. */
  wallMs: number;
  /** Median over rounds of this peer's wall time divided by raw fetch's in the same round. */
  vsFetch: number;
  /** MaxListenersExceededWarnings during this peer's bursts (all rounds), and the most listeners on one signal. */
  listenerWarnings: number;
  mostListenersOnOneSignal: number;
}

export interface BurstConfig {
  rounds: number;
  calls: number;
}

// The target compares ours with raw fetch; bare openapi-fetch shows what anything built on it pays. Every other
// peer would add ~1 s per batch on a 2-core machine without bearing on a target.
const BURST_PEERS = [BASELINE, "openapi-fetch", "planky"];

const warnings = new Map<string, { warnings: number; mostListeners: number }>();

async function burst(id: string, call: () => Promise<unknown>, calls: number): Promise<number> {
  takeListenerWarnings();
  const started = performance.now();
  await Promise.all(Array.from({ length: calls }, call));
  const wall = performance.now() - started;
  const taken = takeListenerWarnings();
  const total = warnings.get(id) ?? { warnings: 0, mostListeners: 0 };
  warnings.set(id, {
    warnings: total.warnings + taken.warnings,
    mostListeners: Math.max(total.mostListeners, taken.mostListeners),
  });
  return wall;
}

async function main(): Promise<void> {
  const [baseUrl, outPath] = process.argv.slice(2);
  if (!baseUrl || !outPath) throw new Error("usage: measure-burst.ts <baseUrl> <out.json>");
  const config: BurstConfig = { rounds: envInt("BENCH_BURST_ROUNDS", 4), calls: envInt("BENCH_BURST_CALLS", 2000) };
  countListenerWarnings();
  const peers = await loadPeers({ baseUrl }, (info) => BURST_PEERS.includes(info.id));
  await verifyPeers(peers);
  // One untimed burst each first: opens the connections (kept alive by both sides) and warms the JIT.
  for (const { info, peer } of peers) {
    for (const operation of OPERATIONS) await burst(info.id, () => peer[operation](), config.calls);
  }

  const walls = new Map<string, number[]>();
  for (let round = 0; round < config.rounds; round++) {
    process.stderr.write(`  burst round ${round + 1}/${config.rounds}\n`);
    for (const operation of OPERATIONS) {
      for (const { info, peer } of rotate(peers, round)) {
        collectGarbage();
        const list = walls.get(`${operation}|${info.id}`) ?? [];
        list.push(await burst(info.id, () => peer[operation](), config.calls));
        walls.set(`${operation}|${info.id}`, list);
      }
    }
  }

  const rows: BurstRow[] = [];
  for (const operation of OPERATIONS) {
    const base = walls.get(`${operation}|${BASELINE}`) ?? [];
    for (const { info } of peers) {
      const rounds = walls.get(`${operation}|${info.id}`) ?? [];
      rows.push({
        peer: info.id,
        operation,
        wallMs: median(rounds),
        vsFetch: median(rounds.map((wall, i) => wall / (base[i] as number))),
        listenerWarnings: warnings.get(info.id)?.warnings ?? 0,
        mostListenersOnOneSignal: warnings.get(info.id)?.mostListeners ?? 0,
      });
    }
  }
  await writeFile(outPath, JSON.stringify({ config, rows }));
}

await main();
