/**
 * Latency and throughput over the loopback network: every peer makes the same two calls to the bench server,
 * sequentially (taking turns request by request) and with 32 in flight (one batch per client, in rotating order).
 * Each metric is the median over rounds; each ratio is taken against raw fetch *in the same round* first.
 *
 * Usage: tsx measure-latency.ts <baseUrl> <out.json>
 */
import { writeFile } from "node:fs/promises";
import { collectGarbage, loadPeers, OPERATIONS, type Operation, rotate, verifyPeers } from "./load-peers";
import { BASELINE, CLIENTS } from "./peers/index";
import { envInt, median, quantile } from "./stats";

export type Mode = "sequential" | "concurrent";

export interface LatencyRow {
  peer: string;
  operation: Operation;
  mode: Mode;
  medianMs: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** Medians over rounds of this peer's value divided by raw fetch's in the same round. */
  vsFetch: { median: number; p99: number; requestsPerSecond: number };
  vsOpenapiFetch: { median: number; requestsPerSecond: number };
}

export interface LatencyConfig {
  rounds: number;
  sequentialRequests: number;
  concurrentRequests: number;
  concurrency: number;
  warmupRequests: number;
}

interface Batch {
  medianMs: number;
  p99Ms: number;
  requestsPerSecond: number;
}

async function runBatch(call: () => Promise<unknown>, requests: number, concurrency: number): Promise<Batch> {
  const latencies = new Float64Array(requests);
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const index = next++;
      const started = performance.now();
      await call();
      latencies[index] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  const values = Array.from(latencies);
  return {
    medianMs: median(values),
    p99Ms: quantile(values, 0.99),
    requestsPerSecond: requests / (elapsedMs / 1000),
  };
}

/**
 * One request at a time, the clients taking turns request by request (a different one first each time), so a
 * burst of load from elsewhere on the machine hits all of them alike. Requests/s is 1 / mean latency.
 */
async function runInterleaved(calls: (() => Promise<unknown>)[], requests: number, round: number): Promise<Batch[]> {
  const latencies = calls.map(() => new Float64Array(requests));
  for (let i = 0; i < requests; i++) {
    for (let turn = 0; turn < calls.length; turn++) {
      const index = (i + round + turn) % calls.length;
      const started = performance.now();
      await (calls[index] as () => Promise<unknown>)();
      (latencies[index] as Float64Array)[i] = performance.now() - started;
    }
  }
  return latencies.map((values) => {
    const list = Array.from(values);
    const totalMs = list.reduce((sum, value) => sum + value, 0);
    return { medianMs: median(list), p99Ms: quantile(list, 0.99), requestsPerSecond: requests / (totalMs / 1000) };
  });
}

async function main(): Promise<void> {
  const [baseUrl, outPath] = process.argv.slice(2);
  if (!baseUrl || !outPath) throw new Error("usage: measure-latency.ts <baseUrl> <out.json>");
  const config: LatencyConfig = {
    rounds: envInt("BENCH_ROUNDS", 8),
    sequentialRequests: envInt("BENCH_SEQUENTIAL_REQUESTS", 200),
    concurrentRequests: envInt("BENCH_CONCURRENT_REQUESTS", 384),
    concurrency: 32,
    warmupRequests: envInt("BENCH_WARMUP_REQUESTS", 200),
  };
  const peers = await loadPeers({ baseUrl }, (info) => CLIENTS.includes(info));
  await verifyPeers(peers);

  for (const { peer } of peers) {
    for (const operation of OPERATIONS) await runBatch(() => peer[operation](), config.warmupRequests, 8);
  }

  const modes: Mode[] = ["sequential", "concurrent"];
  // batches[mode][operation][peer] = one Batch per round
  const batches = new Map<string, Batch[]>();
  const key = (mode: Mode, operation: Operation, peer: string) => `${mode}|${operation}|${peer}`;
  const record = (mode: Mode, operation: Operation, peer: string, batch: Batch) => {
    const list = batches.get(key(mode, operation, peer)) ?? [];
    list.push(batch);
    batches.set(key(mode, operation, peer), list);
  };
  for (let round = 0; round < config.rounds; round++) {
    process.stderr.write(`  latency round ${round + 1}/${config.rounds}\n`);
    for (const operation of OPERATIONS) {
      collectGarbage();
      const interleaved = await runInterleaved(
        peers.map(
          ({ peer }) =>
            () =>
              peer[operation](),
        ),
        config.sequentialRequests,
        round,
      );
      peers.forEach(({ info }, index) => {
        record("sequential", operation, info.id, interleaved[index] as Batch);
      });
      for (const { info, peer } of rotate(peers, round)) {
        collectGarbage();
        record(
          "concurrent",
          operation,
          info.id,
          await runBatch(() => peer[operation](), config.concurrentRequests, config.concurrency),
        );
      }
    }
  }

  const rows: LatencyRow[] = [];
  for (const mode of modes) {
    for (const operation of OPERATIONS) {
      const fetchRounds = batches.get(key(mode, operation, BASELINE)) ?? [];
      const bareRounds = batches.get(key(mode, operation, "openapi-fetch")) ?? [];
      for (const { info } of peers) {
        const rounds = batches.get(key(mode, operation, info.id)) ?? [];
        const ratio = (base: Batch[], pick: (b: Batch) => number) =>
          median(rounds.map((b, i) => pick(b) / pick(base[i] as Batch)));
        rows.push({
          peer: info.id,
          operation,
          mode,
          medianMs: median(rounds.map((b) => b.medianMs)),
          p99Ms: median(rounds.map((b) => b.p99Ms)),
          requestsPerSecond: median(rounds.map((b) => b.requestsPerSecond)),
          vsFetch: {
            median: ratio(fetchRounds, (b) => b.medianMs),
            p99: ratio(fetchRounds, (b) => b.p99Ms),
            requestsPerSecond: ratio(fetchRounds, (b) => b.requestsPerSecond),
          },
          vsOpenapiFetch: {
            median: ratio(bareRounds, (b) => b.medianMs),
            requestsPerSecond: ratio(bareRounds, (b) => b.requestsPerSecond),
          },
        });
      }
    }
  }
  await writeFile(outPath, JSON.stringify({ config, rows }));
}

await main();
