/**
 * CPU per call without a network: every client on the same stub `fetch` (src/stub-fetch.ts: builds the `Request`
 * as `fetch` does, answers on the next macrotask with the same bytes for all), each in its own process, so no
 * client shares a V8 isolate, JIT feedback or undici with another. Peers that cannot take a `fetch`
 * (undici.request) are left out.
 *
 * Per peer process: a check that both calls return the stub's body, then `warmupCalls` untimed calls per operation.
 * Then an untimed round, then `rounds` timed rounds. In a round, for each operation, come `turns` cycles; in a cycle
 * every peer takes one turn of `callsPerTurn` sequential calls, one peer at a time, in a fresh random order, so a
 * burst of load from elsewhere hits them alike. Nothing forces a garbage collection. Each turn reads wall time, the peer's main-thread
 * CPU (src/thread-cpu.ts) and its process CPU (`process.cpuUsage()`: main thread plus GC helper threads). A round's
 * µs per call is a peer's median turn; a round's ratio between two peers is the median over the round's cycles (one
 * turn of every peer) of the ratio of their turns in that cycle, so both turns of a ratio are close in time.
 */
import type { ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { OPERATIONS, type Operation } from "./load-peers";
import { BASELINE, PEERS, STAINLESS } from "./peers/index";
import { spawnTs } from "./server";
import { envInt, median } from "./stats";
import { STUB_RESPONSE_BYTES } from "./stub-fetch";
import { THREAD_CPU_SOURCE } from "./thread-cpu";

export type CpuMetric = "thread" | "wall" | "process";
export const CPU_METRICS: CpuMetric[] = ["thread", "wall", "process"];

/** A value over rounds: the median and the lowest and highest single round. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The per-round reference "the faster of the Stainless SDKs": whichever took less in that round. */
export const FASTER_STAINLESS = "faster-stainless";

export interface CpuRow {
  peer: string;
  operation: Operation;
  /** µs per call, per metric (NaN for `thread` where the platform has no per-thread counter). */
  micros: Record<CpuMetric, Spread>;
  /** This peer's µs divided by a reference peer's in the same round, keyed by reference id, then metric. */
  vs: Record<string, Record<CpuMetric, Spread>>;
}

export interface CpuConfig {
  rounds: number;
  turns: number;
  callsPerTurn: number;
  warmupCalls: number;
}

export interface CpuResults {
  config: CpuConfig;
  /** Where the thread metric comes from (undefined: not available, only wall and process measured). */
  threadCpuSource: string | undefined;
  responseBytes: Record<Operation, number>;
  /** The 1-minute load average at the start of each round (untimed round first) and at the end. */
  loadAverages: number[];
  rows: CpuRow[];
}

export interface TurnRequest {
  operation: Operation;
  calls: number;
}
export type TurnResult = { wallMicros: number; threadMicros: number; processMicros: number };

/** One peer's process: answers one turn request at a time. */
class PeerProcess {
  private constructor(
    readonly id: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(id: string, warmupCalls: number): Promise<PeerProcess> {
    const file = fileURLToPath(new URL("./cpu-peer-process.ts", import.meta.url));
    const child = spawnTs(file, ["ignore", "inherit", "inherit", "ipc"], [id, String(warmupCalls)]);
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`cpu peer ${id} exited with ${code} before it was ready`));
      child.once("exit", onExit);
      child.once("message", () => {
        child.off("exit", onExit);
        resolve();
      });
    });
    return new PeerProcess(id, child);
  }

  turn(request: TurnRequest): Promise<TurnResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`cpu peer ${this.id} exited with ${code}`));
      this.child.once("exit", onExit);
      this.child.once("message", (result: TurnResult) => {
        this.child.off("exit", onExit);
        resolve(result);
      });
      this.child.send(request);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.disconnect();
    });
  }
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const spread = (values: number[]): Spread => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});

export async function measureCpu(log: (message: string) => void): Promise<CpuResults> {
  const config: CpuConfig = {
    rounds: envInt("BENCH_CPU_ROUNDS", 9),
    turns: envInt("BENCH_CPU_TURNS", 9),
    callsPerTurn: envInt("BENCH_CPU_CALLS", 40),
    warmupCalls: envInt("BENCH_CPU_WARMUP", 2000),
  };
  const ids = PEERS.filter((info) => !info.noFetchStub).map((info) => info.id);
  const peers: PeerProcess[] = [];
  // samples[operation|peer][round][turn] = µs per call in that turn, per metric (timed rounds only).
  const samples = new Map<string, Record<CpuMetric, number>[][]>();
  const loadAverages: number[] = [];
  try {
    // Warm-up is untimed, so the processes warm up side by side.
    log(`  cpu: starting ${ids.length} processes, ${config.warmupCalls} warm-up calls per operation each`);
    const started = await Promise.allSettled(ids.map((id) => PeerProcess.start(id, config.warmupCalls)));
    for (const result of started) if (result.status === "fulfilled") peers.push(result.value);
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    for (let round = 0; round <= config.rounds; round++) {
      loadAverages.push(loadavg()[0] ?? 0);
      log(round === 0 ? "  cpu: untimed round" : `  cpu round ${round}/${config.rounds}`);
      for (const operation of OPERATIONS) {
        const turns = new Map<string, Record<CpuMetric, number>[]>();
        // A cycle: every peer takes one turn, in a fresh random order, so a turn's neighbours in time are peers.
        for (let cycle = 0; cycle < config.turns; cycle++) {
          for (const peer of shuffle(peers)) {
            const result = await peer.turn({ operation, calls: config.callsPerTurn });
            const perCall = {
              thread: result.threadMicros / config.callsPerTurn,
              wall: result.wallMicros / config.callsPerTurn,
              process: result.processMicros / config.callsPerTurn,
            };
            turns.set(peer.id, [...(turns.get(peer.id) ?? []), perCall]);
          }
        }
        if (round === 0) continue;
        // The faster Stainless SDK, cycle by cycle.
        const sdks = STAINLESS.map((id) => turns.get(id) ?? []);
        turns.set(
          FASTER_STAINLESS,
          (sdks[0] ?? []).map((_, cycle) => {
            const pick = (metric: CpuMetric) => Math.min(...sdks.map((list) => list[cycle]?.[metric] ?? Number.NaN));
            return { thread: pick("thread"), wall: pick("wall"), process: pick("process") };
          }),
        );
        for (const [id, list] of turns)
          samples.set(`${operation}|${id}`, [...(samples.get(`${operation}|${id}`) ?? []), list]);
      }
    }
    loadAverages.push(loadavg()[0] ?? 0);
  } finally {
    await Promise.all(peers.map((peer) => peer.stop()));
  }

  const rows: CpuRow[] = [];
  for (const operation of OPERATIONS) {
    for (const id of ids) {
      const rounds = samples.get(`${operation}|${id}`) ?? [];
      // A round's µs: its median turn, so a burst of load that hits one turn does not move it.
      const micros = Object.fromEntries(
        CPU_METRICS.map((metric) => [metric, spread(rounds.map((turns) => median(turns.map((turn) => turn[metric]))))]),
      ) as Record<CpuMetric, Spread>;
      const vs: CpuRow["vs"] = {};
      // Ours against every client; the others against the references the report and the breakdown use.
      const references = id === "planky" ? [...ids, FASTER_STAINLESS] : [BASELINE, "openapi-fetch", FASTER_STAINLESS];
      for (const reference of references) {
        const base = samples.get(`${operation}|${reference}`);
        if (!base) continue;
        // A round's ratio: the median over its cycles of this peer's turn ÷ the reference's turn of the same cycle,
        // two turns taken within one cycle of each other.
        vs[reference] = Object.fromEntries(
          CPU_METRICS.map((metric) => {
            const perRound = rounds.map((turns, round) =>
              median(turns.map((turn, cycle) => turn[metric] / (base[round]?.[cycle]?.[metric] ?? Number.NaN))),
            );
            return [metric, spread(perRound)];
          }),
        ) as Record<CpuMetric, Spread>;
      }
      rows.push({ peer: id, operation, micros, vs });
    }
  }
  return { config, threadCpuSource: THREAD_CPU_SOURCE, responseBytes: STUB_RESPONSE_BYTES, loadAverages, rows };
}
