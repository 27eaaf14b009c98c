/**
 * Counts Node's MaxListenersExceededWarning ("Possible EventTarget memory leak detected") instead of printing
 * each one: a client that piles abort listeners on one signal triggers it thousands of times in a run, and the
 * count per client is itself a finding worth reporting. Other warnings print as usual.
 */
let count = 0;
let largest = 0;

export function countListenerWarnings(): void {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (warning.name !== "MaxListenersExceededWarning") {
      process.stderr.write(`${warning.stack ?? String(warning)}\n`);
      return;
    }
    count++;
    largest = Math.max(largest, Number(/(\d+) abort listeners/.exec(warning.message)?.[1] ?? 0));
  });
}

/** Warnings since the last call, and the most listeners one signal held. */
export function takeListenerWarnings(): { warnings: number; mostListeners: number } {
  const taken = { warnings: count, mostListeners: largest };
  count = 0;
  largest = 0;
  return taken;
}
