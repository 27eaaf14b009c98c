/** How the report writes numbers and names clients: shared by the sections so every table reads alike. */
import type { CpuMetric, Spread } from "./measure-cpu";
import { PEERS } from "./peers/index";
import type { Results } from "./results";

export const label = (id: string) => PEERS.find((peer) => peer.id === id)?.label ?? id;
export const ms = (value: number) => (value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1));
export const ratio = (value: number) => `${value.toFixed(2)}×`;
export const percent = (value: number) => `${value >= 1 ? "+" : "−"}${Math.abs((value - 1) * 100).toFixed(1)} %`;
export const int = (value: number) => Math.round(value).toLocaleString("en-GB");
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const kb2 = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

/** The CPU metric targets and ratios use: the main thread's CPU where the platform counts it, else the process's. */
export const cpuMetric = (results: Results): CpuMetric => (results.cpu?.threadCpuSource ? "thread" : "process");
export const metricName: Record<CpuMetric, string> = {
  thread: "main-thread CPU",
  wall: "wall time",
  process: "process CPU",
};
export const spreadCell = (value: Spread | undefined, digits = 2) =>
  value ? `${value.median.toFixed(digits)} [${value.min.toFixed(digits)}–${value.max.toFixed(digits)}]` : "";
