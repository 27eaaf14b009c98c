/**
 * Issue 22's bench: token requests per 1,000 calls across 8 processes (the Redis token store vs the default
 * in-memory cache, each round with a cold cache), and CPU per call in one process (ratios within each round):
 * a tracer provider registered vs no instrumentation vs `openTelemetry()` with no provider, and the Redis store warm
 * vs the default in-memory cache. Needs redis-server (installed with apt when missing, as the client's fleet tests do).
 *
 * Usage: tsx measure-fleet.ts <out.json>
 */
import { fork } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createPlankyClient, type PlankyClient } from "@planky-kit/client";
import { openTelemetry } from "@planky-kit/client/otel";
import { redisTokenStore } from "@planky-kit/client/token-store";
import { createClient } from "redis";
import { ensureRedisServer, startRedis } from "../../packages/client/test/fleet/redis-server";
import { envInt, median } from "./stats";

export interface FleetResults {
  config: { processes: number; callsPerProcess: number; fleetRounds: number; cpuRounds: number; cpuCalls: number };
  /** Token requests per 1,000 calls, median over rounds (each round cold: a new client id). */
  tokensPer1000: { inMemory: number; redisStore: number };
  /** Median µs of CPU (user + system) per call, and per-round ratios' medians against the in-memory default. */
  cpu: { variant: string; microsPerCall: number; vsDefault: number; range: [number, number] }[];
}

const PROCESSES = 8;

async function tokenServer() {
  let tokens = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (request.url === "/oauth/v2/token") {
        tokens++;
        response.writeHead(200, { "content-type": "application/json" });
        return response.end(JSON.stringify({ access_token: `t-${tokens}`, expires_in: 3600, token_type: "bearer" }));
      }
      response.writeHead(200, { "content-type": "application/json" }).end('{"data":[]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, tokens: () => tokens, close: () => server.close() };
}

async function fleetRound(baseUrl: string, redisUrl: string | undefined, clientId: string, calls: number) {
  const worker = fileURLToPath(new URL("./fleet-worker.ts", import.meta.url));
  const config = JSON.stringify({ baseUrl, redisUrl, clientId, calls });
  const children = Array.from({ length: PROCESSES }, () => fork(worker, [config], { execArgv: ["--import", "tsx"] }));
  const next = (child: (typeof children)[number]) => new Promise((resolve) => child.once("message", resolve));
  await Promise.all(children.map(next));
  const done = Promise.all(children.map(next));
  for (const child of children) child.send("go");
  await done;
}

const stubFetch = async (request: Request) => {
  await new Promise((resolve) => process.nextTick(resolve));
  return request.url.endsWith("/oauth/v2/token")
    ? new Response('{"access_token":"t","expires_in":3600}', { headers: { "content-type": "application/json" } })
    : new Response('{"data":[]}', { headers: { "content-type": "application/json" } });
};

async function cpuPerCall(client: PlankyClient, calls: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await client.customers.listBanks({ customerId: "c1" });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

async function main(): Promise<void> {
  const [outPath] = process.argv.slice(2);
  if (!outPath) throw new Error("usage: measure-fleet.ts <out.json>");
  const config = {
    processes: PROCESSES,
    callsPerProcess: 125,
    fleetRounds: envInt("BENCH_FLEET_ROUNDS", 3),
    cpuRounds: envInt("BENCH_FLEET_CPU_ROUNDS", 6),
    cpuCalls: envInt("BENCH_FLEET_CPU_CALLS", 2000),
  };
  const redisServer = await startRedis(ensureRedisServer());
  const server = await tokenServer();
  const redis = await createClient({ url: redisServer.url })
    .on("error", () => {})
    .connect();
  try {
    // 1. Token requests per 1,000 calls across 8 processes.
    const perMode: Record<"inMemory" | "redisStore", number[]> = { inMemory: [], redisStore: [] };
    for (let round = 0; round < config.fleetRounds; round++) {
      for (const mode of ["inMemory", "redisStore"] as const) {
        process.stderr.write(`  fleet round ${round + 1}/${config.fleetRounds}: ${mode}\n`);
        const before = server.tokens();
        const url = mode === "redisStore" ? redisServer.url : undefined;
        await fleetRound(server.baseUrl, url, `bench-${mode}-${round}`, config.callsPerProcess);
        perMode[mode].push(((server.tokens() - before) * 1000) / (PROCESSES * config.callsPerProcess));
      }
    }

    // 2. CPU per call, one process, stub fetch; every variant warm, taking turns in chunks.
    const exporter = new InMemorySpanExporter();
    const recording = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const base = { baseUrl: "https://planky.test", clientId: "cpu", clientSecret: "s", fetch: stubFetch };
    const variants: [string, PlankyClient][] = [
      ["in-memory default (no instrumentation)", createPlankyClient(base)],
      [
        "openTelemetry(), no tracer provider registered",
        createPlankyClient({ ...base, instrumentation: openTelemetry() }),
      ],
      [
        "openTelemetry() with a tracer provider (SDK, in-memory exporter)",
        createPlankyClient({ ...base, instrumentation: openTelemetry({ tracerProvider: recording }) }),
      ],
      ["Redis token store, warm", createPlankyClient({ ...base, tokenStore: redisTokenStore({ redis }) })],
    ];
    for (const [, client] of variants) await cpuPerCall(client, 500);
    const rounds = new Map<string, number[]>(variants.map(([name]) => [name, []]));
    const chunk = 100;
    for (let round = 0; round < config.cpuRounds; round++) {
      process.stderr.write(`  fleet cpu round ${round + 1}/${config.cpuRounds}\n`);
      const totals = new Map<string, number>();
      for (let done = 0; done < config.cpuCalls; done += chunk) {
        for (let i = 0; i < variants.length; i++) {
          const [name, client] = variants[(i + round + done / chunk) % variants.length] as [string, PlankyClient];
          totals.set(name, (totals.get(name) ?? 0) + (await cpuPerCall(client, chunk)) * chunk);
          exporter.reset();
        }
      }
      for (const [name, total] of totals) rounds.get(name)?.push(total / config.cpuCalls);
    }
    const baseline = rounds.get(variants[0]?.[0] as string) as number[];
    const cpu = variants.map(([name]) => {
      const list = rounds.get(name) as number[];
      const ratios = list.map((micros, i) => micros / (baseline[i] as number));
      return {
        variant: name,
        microsPerCall: median(list),
        vsDefault: median(ratios),
        range: [Math.min(...ratios), Math.max(...ratios)] as [number, number],
      };
    });
    const results: FleetResults = {
      config,
      tokensPer1000: { inMemory: median(perMode.inMemory), redisStore: median(perMode.redisStore) },
      cpu,
    };
    await writeFile(outPath, JSON.stringify(results));
  } finally {
    redis.destroy();
    server.close();
    await redisServer.stop();
  }
}

await main();
