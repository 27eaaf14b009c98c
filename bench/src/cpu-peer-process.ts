/**
 * One peer of the CPU run, alone in its own process (its own V8 isolate, its own undici): loads the peer on the stub
 * `fetch`, checks both calls return the stub's body, warms up, then times turns of calls when measure-cpu.ts asks.
 * It never forces a garbage collection.
 *
 * Usage (spawned by measure-cpu.ts with an IPC channel): tsx cpu-peer-process.ts <peer id> <warm-up calls>
 */
import { loadPeers, OPERATIONS, verifyPeers } from "./load-peers";
import type { TurnRequest, TurnResult } from "./measure-cpu";
import { STUB_BODIES, stubFetch } from "./stub-fetch";
import { THREAD_CPU_SOURCE, threadCpuMicros } from "./thread-cpu";

async function main(): Promise<void> {
  const [peerId, warmup] = process.argv.slice(2);
  if (!peerId || !warmup || !process.send) throw new Error("usage: cpu-peer-process.ts <peer id> <warm-up calls>");
  const send = process.send.bind(process);
  const [loaded] = await loadPeers(
    { baseUrl: "http://127.0.0.1:9", fetch: stubFetch },
    (info) => info.id === peerId,
    STUB_BODIES,
  );
  if (!loaded) throw new Error(`no peer ${peerId}`);
  await verifyPeers([loaded]);
  const { peer } = loaded;
  for (const operation of OPERATIONS) for (let i = 0; i < Number(warmup); i++) await peer[operation]();

  process.on("message", async ({ operation, calls }: TurnRequest) => {
    const call = peer[operation];
    const threadStart = THREAD_CPU_SOURCE ? await threadCpuMicros() : Number.NaN;
    const processStart = process.cpuUsage();
    const wallStart = performance.now();
    for (let i = 0; i < calls; i++) await call();
    const wallMicros = (performance.now() - wallStart) * 1000;
    const processUsed = process.cpuUsage(processStart);
    const threadMicros = THREAD_CPU_SOURCE ? (await threadCpuMicros()) - threadStart : Number.NaN;
    const result: TurnResult = { wallMicros, threadMicros, processMicros: processUsed.user + processUsed.system };
    send(result);
  });
  send("ready");
}

await main();
