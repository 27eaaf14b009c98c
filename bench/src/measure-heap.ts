/**
 * Heap growth with one reused AbortSignal: a caller who passes its app's long-lived shutdown signal to every call.
 * One peer per process (a fresh heap): untimed calls first (connections, JIT, lazy state), then a full GC, the
 * heap used, HEAP_CALLS (20,000) calls with that same signal over loopback, a full GC again; the growth divided by
 * the calls is what each call leaves behind. The signal stays referenced throughout, so anything hung on it stays.
 *
 * Usage: tsx measure-heap.ts <baseUrl> <peerId> <out.json>
 */
import { writeFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import { countListenerWarnings, takeListenerWarnings } from "./listener-warnings";
import { loadPeers, OPERATIONS, type Operation, verifyPeers } from "./load-peers";
import { envInt } from "./stats";

export interface HeapRow {
  peer: string;
  operation: Operation;
  calls: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  bytesPerCall: number;
  /** MaxListenersExceededWarnings during the measured calls, and the most listeners the shared signal held. */
  listenerWarnings: number;
  mostListenersOnOneSignal: number;
}

const IN_FLIGHT = 32;

/** Full GCs with pauses between, so FinalizationRegistry callbacks (undici uses them for signals) run too. */
async function settledHeapUsed(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("measure-heap.ts needs node --expose-gc");
  for (let i = 0; i < 4; i++) {
    gc();
    await delay(20);
  }
  gc();
  return process.memoryUsage().heapUsed;
}

async function run(call: () => Promise<unknown>, calls: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next++ < calls) await call();
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

async function main(): Promise<void> {
  const [baseUrl, peerId, outPath] = process.argv.slice(2);
  if (!baseUrl || !peerId || !outPath) throw new Error("usage: measure-heap.ts <baseUrl> <peerId> <out.json>");
  const calls = envInt("BENCH_HEAP_CALLS", 20_000);
  countListenerWarnings();
  const signal = new AbortController().signal;
  const peers = await loadPeers({ baseUrl, signal }, (info) => info.id === peerId);
  const loaded = peers[0];
  if (!loaded?.info.passesSignal) throw new Error(`${peerId} is not a peer that passes a signal`);
  await verifyPeers(peers);
  const rows: HeapRow[] = [];
  for (const operation of OPERATIONS) {
    const call = () => loaded.peer[operation]();
    await run(call, 2_000);
    const heapBeforeBytes = await settledHeapUsed();
    takeListenerWarnings();
    await run(call, calls);
    const { warnings, mostListeners } = takeListenerWarnings();
    const heapAfterBytes = await settledHeapUsed();
    rows.push({
      peer: peerId,
      operation,
      calls,
      heapBeforeBytes,
      heapAfterBytes,
      bytesPerCall: (heapAfterBytes - heapBeforeBytes) / calls,
      listenerWarnings: warnings,
      mostListenersOnOneSignal: mostListeners,
    });
  }
  if (signal.aborted) throw new Error("the shared signal must stay live");
  await writeFile(outPath, JSON.stringify(rows));
}

await main();
