/** The shape of bench/results.json. */
import type { BundleRow } from "./measure-bundle";
import type { ColdStartRow } from "./measure-cold-start";
import type { CpuRow } from "./measure-cpu";
import type { LatencyConfig, LatencyRow } from "./measure-latency";
import type { StepRow } from "./measure-steps";

export interface Results {
  meta: {
    date: string;
    node: string;
    platform: string;
    cpu: string;
    loadAverageAtStart: number;
    loadAverageAtEnd: number;
    durationSeconds: number;
    /** The @planky-kit/client file measured (dist when built). */
    clientEntry: string;
    versions: Record<string, string>;
  };
  latency: { config: LatencyConfig; rows: LatencyRow[] } | undefined;
  cpu: { config: { rounds: number; iterations: number }; rows: CpuRow[] } | undefined;
  steps: { rows: StepRow[] } | undefined;
  bundle: BundleRow[] | undefined;
  coldStart: ColdStartRow[] | undefined;
}
