/**
 * The sections of `pnpm bench`, in report order: each file of this folder measures into `results` and renders its
 * own part of BENCHMARKS.md (src/section.ts); `BENCH_ONLY` picks them by id. To add one: a `measure-<topic>.ts`,
 * a field for its data in `Results` (src/results.ts), a file here and its entry below (see bench/README.md).
 */
import type { BenchSection } from "../section";
import { bundleSection } from "./bundle";
import { burstSection } from "./burst";
import { coldStartSection } from "./cold-start";
import { cpuSection } from "./cpu";
import { fleetSection } from "./fleet";
import { heapSection } from "./heap";
import { latencySection } from "./latency";
import { responseCheckSection } from "./response-check";
import { resyncSection } from "./resync";
import { transactionsSection } from "./transactions";

export const SECTIONS: BenchSection[] = [
  latencySection,
  burstSection,
  cpuSection,
  heapSection,
  bundleSection,
  coldStartSection,
  responseCheckSection,
  fleetSection,
  transactionsSection,
  resyncSection,
];
