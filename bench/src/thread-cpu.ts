/**
 * CPU time of the calling thread alone (not V8's GC helper threads, not other processes), in µs. Node 20 has no
 * `process.threadCpuUsage` (Node 23.9+), and `process.cpuUsage()` is process-wide, so on Linux this reads the
 * kernel's per-thread counter instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const SCHEDSTAT = "/proc/thread-self/schedstat";
type ThreadCpuUsage = () => { user: number; system: number };
const threadCpuUsage = (process as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;

/** What `threadCpuMicros` reads, for the report; undefined when this platform offers neither source. */
export const THREAD_CPU_SOURCE: string | undefined = threadCpuUsage
  ? "process.threadCpuUsage() (getrusage RUSAGE_THREAD)"
  : existsSync(SCHEDSTAT)
    ? `${SCHEDSTAT} (the kernel's run time of the main thread, read after a 1 ms sleep)`
    : undefined;

export async function threadCpuMicros(): Promise<number> {
  if (threadCpuUsage) {
    const { user, system } = threadCpuUsage();
    return user + system;
  }
  // The kernel adds a running thread's time to this counter at a tick or a context switch, so a read on a busy
  // thread can be a tick (up to 4 ms) stale; sleeping first makes the thread switch out, which brings it up to date.
  await sleep(1);
  return Number(readFileSync(SCHEDSTAT, "utf8").split(" ")[0]) / 1000;
}
