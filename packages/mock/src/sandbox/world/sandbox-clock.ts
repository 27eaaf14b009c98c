/**
 * Each partition's sandbox clock: real time plus an offset that `POST /_sandbox/clock` moves forward, so a suite can
 * rehearse day 91 of a consent without waiting (and without moving any other suite's clock). It drives the bank side
 * only: consent reconfirmation dates and the bank feed. Tokens keep real time, so a suite need not sign in again.
 */
import { type Partition, unixNow } from "../state/state";

const OFFSET = "offset";

/** Now, by this partition's sandbox clock (Unix seconds). */
export function clockNow(partition: Partition): number {
  return unixNow() + (partition.data.clock[OFFSET] ?? 0);
}

/** Moves this partition's clock forward by `seconds` (never back: the sandbox's dates only grow). */
export function advanceClock(partition: Partition, seconds: number): void {
  partition.put("clock", OFFSET, (partition.data.clock[OFFSET] ?? 0) + seconds);
}
