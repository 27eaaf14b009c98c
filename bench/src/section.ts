/**
 * A section of `pnpm bench`: it measures into `results` and renders its own part of BENCHMARKS.md. One file per
 * section in src/sections/, listed in report order by src/sections/index.ts; `BENCH_ONLY` picks them by id.
 */
import type { Results } from "./results";

export interface SectionContext {
  /** The local bench server's origin (bench/src/serve.ts, own process), started on first use. */
  serverUrl(): Promise<string>;
  /** Runs a `measure-*.ts` script in a fresh process with `args` and the path of a JSON file it writes; its data. */
  runChild<T>(file: string, args: string[]): Promise<T>;
  /** Whether the client is measured from its TypeScript source (no dist built). */
  clientIsTypeScript: boolean;
  log(message: string): void;
}

export interface BenchSection {
  /** The name `BENCH_ONLY` takes. */
  id: string;
  /** What the run log says when the section starts. */
  title: string;
  measure(context: SectionContext, results: Results): Promise<void>;
  /** This section's part of BENCHMARKS.md (nothing when its data is absent). */
  render(results: Results): string[];
}
