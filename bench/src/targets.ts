/**
 * The targets of issue 11, each a ratio or a size taken from one run's results: what `pnpm bench` prints at the
 * end and BENCHMARKS.md puts first. A target whose section was not measured says so instead of guessing.
 */
import type { Operation } from "./load-peers";
import { STAINLESS } from "./peers/index";
import type { Results } from "./results";

export interface TargetRow {
  target: string;
  measured: string;
  /** undefined: not measured in this run (or not buildable yet). */
  met: boolean | undefined;
}

const CPU_VS_STAINLESS = 1;
const CPU_VS_OPENAPI_FETCH = 1.5;
const BURST_VS_FETCH = 1.5;
const HEAP_BYTES_PER_CALL = 32;

const OPS: Operation[] = ["consentStatus", "createInvitation"];
const ratio = (value: number) => `${value.toFixed(2)}×`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
const pairs = (values: string[]) => values.join(" / ");

export function targetRows(results: Results): TargetRow[] {
  return [...cpuTargets(results), ...burstTargets(results), ...heapTargets(results), ...bundleTargets(results)];
}

function cpuTargets(results: Results): TargetRow[] {
  const rows = results.cpu?.rows ?? [];
  const ours = OPS.map((operation) => rows.find((row) => row.peer === "planky" && row.operation === operation));
  const micros = (peer: string, operation: Operation) =>
    rows.find((row) => row.peer === peer && row.operation === operation)?.microsPerCall;
  const out: TargetRow[] = [];
  for (const peer of [...STAINLESS, "openapi-fetch"]) {
    const limit = peer === "openapi-fetch" ? CPU_VS_OPENAPI_FETCH : CPU_VS_STAINLESS;
    const ratios = ours.map((row) => row?.vs?.[peer]);
    const what =
      peer === "openapi-fetch"
        ? "CPU per call ≤ 1.5× bare openapi-fetch (GET / POST)"
        : `CPU per call ≤ ${peer === "anthropic" ? "@anthropic-ai/sdk" : "openai"} (GET / POST)`;
    if (ratios.some((value) => value === undefined)) {
      out.push({ target: what, measured: "not measured", met: undefined });
      continue;
    }
    const values = ratios as number[];
    out.push({
      target: what,
      measured: `${pairs(values.map(ratio))} (ours ${pairs(OPS.map((op) => `${micros("planky", op)?.toFixed(0)}`))} µs, theirs ${pairs(OPS.map((op) => `${micros(peer, op)?.toFixed(0)}`))} µs)`,
      met: values.every((value) => value <= limit),
    });
  }
  return out;
}

function burstTargets(results: Results): TargetRow[] {
  const calls = (results.burst?.config.calls ?? 2000).toLocaleString("en-GB");
  const target = `${calls} concurrent calls on loopback ≤ 1.5× raw fetch wall time (GET / POST)`;
  const rows = results.burst?.rows ?? [];
  const ours = OPS.map((operation) => rows.find((row) => row.peer === "planky" && row.operation === operation));
  if (ours.some((row) => !row)) return [{ target, measured: "not measured", met: undefined }];
  const values = ours.map((row) => row?.vsFetch as number);
  const wall = (peer: string) =>
    pairs(
      OPS.map((op) => `${((rows.find((r) => r.peer === peer && r.operation === op)?.wallMs ?? 0) / 1000).toFixed(2)}`),
    );
  return [
    {
      target,
      measured: `${pairs(values.map(ratio))} (ours ${wall("planky")} s, raw fetch ${wall("fetch")} s)`,
      met: values.every((value) => value <= BURST_VS_FETCH),
    },
  ];
}

function heapTargets(results: Results): TargetRow[] {
  const rows = results.heap ?? [];
  const calls = (rows[0]?.calls ?? 20_000).toLocaleString("en-GB");
  const target = `Heap growth with one reused AbortSignal, ${calls} calls: ≤ 32 B per call (GET / POST)`;
  const perCall = (peer: string) =>
    OPS.map((operation) => rows.find((row) => row.peer === peer && row.operation === operation)?.bytesPerCall);
  const ours = perCall("planky");
  if (ours.some((value) => value === undefined)) return [{ target, measured: "not measured", met: undefined }];
  const bytes = (values: (number | undefined)[]) => pairs(values.map((value) => `${value?.toFixed(1) ?? "?"}`));
  return [
    {
      target,
      measured: `ours ${bytes(ours)} B/call (raw fetch, same signal: ${bytes(perCall("fetch"))} B/call)`,
      met: (ours as number[]).every((value) => value <= HEAP_BYTES_PER_CALL),
    },
  ];
}

function bundleTargets(results: Results): TargetRow[] {
  return (results.entryBundles ?? []).map((row) => {
    const target = `\`${row.specifier}\`, every export, ≤ ${kb(row.budgetBytes)} gzip`;
    if (row.gzipBytes === undefined) {
      return { target, measured: "not built yet: the package.json has no such export", met: undefined };
    }
    return { target, measured: kb(row.gzipBytes), met: row.gzipBytes <= row.budgetBytes };
  });
}

export function metLabel(met: boolean | undefined): string {
  if (met === undefined) return "n/a";
  return met ? "met" : "**not met**";
}
