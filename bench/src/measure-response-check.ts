/**
 * What the client's opt-in response check (`validateResponses`, from `@planky-kit/client/validate`) costs per call
 * on the consent status, with no network: the same stub `fetch` as the CPU run, our client with the check off and
 * on, and the bare stub (fetch + JSON parse) to tell the client's own CPU from the stub's. The three take turns in
 * chunks of 10 calls within each round; each round keeps each contender's 20th-percentile chunk (the machine is
 * shared: the lower chunks are the uninterrupted ones), and every ratio is taken within a round.
 *
 * Usage: tsx measure-response-check.ts <out.json>
 */
import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { createPlankyClient } from "@planky-kit/client";
import { responseValidator } from "@planky-kit/client/validate";
import { collectGarbage } from "./load-peers";
import { BANK_SLUG, CONSENT_STATUS_PATH, CUSTOMER_TOKEN } from "./peers/fixtures";
import { envInt, median, quantile } from "./stats";
import { stubFetch } from "./stub-fetch";

export interface ResponseCheckResult {
  config: { rounds: number; iterations: number };
  /** When this section was measured and the machine's load then: the report's header describes the full run. */
  measuredAt: string;
  loadAverage: [start: number, end: number];
  /** Medians over rounds of the per-call time of each round's 20th-percentile chunk of 10 calls, in microseconds. */
  microsPerCall: { bareFetch: number; checkOff: number; checkOn: number };
  /** Median over rounds of checkOn / checkOff, and its per-round range. */
  onVsOff: number;
  onVsOffRange: [number, number];
  /** Median over rounds of (checkOn − checkOff) / (checkOff − bareFetch): the check's cost as a share of the
   * client's own CPU per call (the target: at most 0.25). */
  checkShareOfClientCpu: number;
  checkShareRange: [number, number];
}

/** Small chunks, finely interleaved: load from other processes then hits the three alike. */
const CHUNK = 10;
/** Per round, each contender's 20th-percentile chunk: on a shared machine the lower chunks are the ones no other
 * process interrupted, so they show the work itself rather than the machine's load. */
const CHUNK_QUANTILE = 0.2;
const BASE_URL = "http://127.0.0.1:9";
const params = { bankSlug: BANK_SLUG, customerToken: CUSTOMER_TOKEN };

async function timeCalls(call: () => Promise<unknown>, iterations: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await call();
  return ((performance.now() - started) * 1000) / iterations;
}

async function main(): Promise<void> {
  const [outPath] = process.argv.slice(2);
  if (!outPath) throw new Error("usage: measure-response-check.ts <out.json>");
  const config = {
    rounds: envInt("BENCH_RESPONSE_CHECK_ROUNDS", 15),
    iterations: envInt("BENCH_RESPONSE_CHECK_ITERATIONS", 1000),
  };
  const loadAtStart = loadavg()[0] ?? 0;
  const off = createPlankyClient({ accessToken: "bench-access-token", baseUrl: BASE_URL, fetch: stubFetch });
  // "throw": a spec example that no longer conformed would stop the bench instead of timing a warning path.
  const on = createPlankyClient({
    accessToken: "bench-access-token",
    baseUrl: BASE_URL,
    fetch: stubFetch,
    validateResponses: responseValidator("throw"),
  });
  const contenders = {
    bareFetch: async () => (await stubFetch(`${BASE_URL}${CONSENT_STATUS_PATH}`)).json(),
    checkOff: () => off.consents.getStatus(params),
    checkOn: () => on.consents.getStatus(params),
  };
  await proveTheCheckRuns();
  for (const call of Object.values(contenders)) await timeCalls(call, 1000);

  const names = Object.keys(contenders) as (keyof typeof contenders)[];
  const perRound: Record<keyof typeof contenders, number[]> = { bareFetch: [], checkOff: [], checkOn: [] };
  for (let round = 0; round < config.rounds; round++) {
    process.stderr.write(`  response check round ${round + 1}/${config.rounds}\n`);
    collectGarbage();
    const chunkTimes: Record<keyof typeof contenders, number[]> = { bareFetch: [], checkOff: [], checkOn: [] };
    const chunks = Math.ceil(config.iterations / CHUNK);
    for (let chunk = 0; chunk < chunks; chunk++) {
      // Rotate who goes first, so a burst of load from elsewhere hits all three alike.
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + chunk + i) % names.length] as keyof typeof contenders;
        chunkTimes[name].push(await timeCalls(contenders[name], CHUNK));
      }
    }
    for (const name of names) perRound[name].push(quantile(chunkTimes[name], CHUNK_QUANTILE));
  }
  const onVsOff = perRound.checkOn.map((m, i) => m / (perRound.checkOff[i] as number));
  const share = perRound.checkOn.map(
    (m, i) =>
      (m - (perRound.checkOff[i] as number)) / ((perRound.checkOff[i] as number) - (perRound.bareFetch[i] as number)),
  );
  const result: ResponseCheckResult = {
    config,
    measuredAt: new Date().toISOString(),
    loadAverage: [loadAtStart, loadavg()[0] ?? 0],
    microsPerCall: {
      bareFetch: median(perRound.bareFetch),
      checkOff: median(perRound.checkOff),
      checkOn: median(perRound.checkOn),
    },
    onVsOff: median(onVsOff),
    onVsOffRange: [Math.min(...onVsOff), Math.max(...onVsOff)],
    checkShareOfClientCpu: median(share),
    checkShareRange: [Math.min(...share), Math.max(...share)],
  };
  await writeFile(outPath, JSON.stringify(result, null, 2));
}

/** The timed "on" client must really check: a drifted answer has to reject. */
async function proveTheCheckRuns(): Promise<void> {
  const drifted = createPlankyClient({
    accessToken: "bench-access-token",
    baseUrl: BASE_URL,
    fetch: async () =>
      new Response(JSON.stringify({ status: "Drifted" }), { headers: { "content-type": "application/json" } }),
    validateResponses: responseValidator("throw"),
  });
  const outcome = await drifted.consents.getStatus(params).then(
    () => "resolved",
    (error: unknown) => (error as Error).name,
  );
  if (outcome !== "ResponseValidationError") throw new Error(`the response check did not run (${outcome})`);
}

await main();
