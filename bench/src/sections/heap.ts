/** Heap growth per call with one reused AbortSignal, a fresh process per client (measure-heap.ts). */
import { int, label } from "../format";
import type { HeapRow } from "../measure-heap";
import { PEERS } from "../peers/index";
import type { Results } from "../results";
import type { BenchSection } from "../section";

export const heapSection: BenchSection = {
  id: "heap",
  title: "heap: one reused AbortSignal, heap growth per call (a fresh process per client)",
  measure: async (context, results) => {
    const heap: HeapRow[] = [];
    for (const info of PEERS.filter((peer) => peer.passesSignal)) {
      heap.push(...(await context.runChild<HeapRow[]>("measure-heap.ts", [await context.serverUrl(), info.id])));
    }
    results.heap = heap;
  },
  render: renderHeap,
};

function renderHeap(results: Results): string[] {
  if (!results.heap) return [];
  return [
    "## Heap growth with one reused AbortSignal",
    "",
    "A caller passes one long-lived signal (an app's shutdown signal) to every call. In a fresh process per client:",
    "2,000 untimed calls, full GCs, the heap used; then the calls below over loopback (32 in flight) with that same",
    "signal, full GCs again (with pauses, so finalizers run). The growth divided by the calls is what each call",
    "leaves behind for as long as the signal lives. Raw fetch with the same signal is the reference.",
    "",
    "| Client | call | calls | heap before MB | heap after MB | B per call | listener warnings (most listeners) |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ...results.heap.map(
      (row) =>
        `| ${row.peer === "planky" ? `**${label(row.peer)}**` : label(row.peer)} | ${row.operation === "consentStatus" ? "GET" : "POST"} | ${int(row.calls)} | ${(row.heapBeforeBytes / 1e6).toFixed(2)} | ${(row.heapAfterBytes / 1e6).toFixed(2)} | ${row.bytesPerCall.toFixed(1)} | ${int(row.listenerWarnings)} (${int(row.mostListenersOnOneSignal)}) |`,
    ),
    "",
    "**Listener warnings** count Node's MaxListenersExceededWarning during the measured calls: at some moment the",
    "shared signal held more abort listeners than Node's limit (the most seen in brackets). They show listeners",
    "piling up between garbage collections; the B per call column shows what stays after them. (Our inference, not",
    "measured here: undici's `fetch` adds one listener per request to the caller's signal and drops it once the",
    "request is collected, while `AbortSignal.any` keeps its own reference on the source signal, which no",
    "listener count shows.)",
    "",
  ];
}
