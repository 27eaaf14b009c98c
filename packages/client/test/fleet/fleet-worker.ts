/**
 * One process of the fleet (forked by `fleet.ts`, bundled with esbuild first): a node-redis client, a Planky
 * client sharing its token through `redisTokenStore`, and calls on the parent's command. It reports over IPC:
 * `ready`, then `done` with how many calls succeeded and which `logger` events it saw.
 */
import { createClient } from "redis";
import { createPlankyClient, type PlankyLogEvent } from "../../src/index";
import { redisTokenStore } from "../../src/token-store";

export interface WorkerConfig {
  baseUrl: string;
  redisUrl: string;
  lockTtl: number;
  timeout: number;
}

export type ToWorker = { type: "run"; calls: number } | { type: "exit" };
export type FromWorker =
  | { type: "ready" }
  | { type: "done"; ok: number; failed: string[]; storeErrors: number; reasons: string[]; ms: number };

const config = JSON.parse(process.argv[2] ?? "{}") as WorkerConfig;
const post = (message: FromWorker) => process.send?.(message);

// Reconnect quickly and forever; commands wait in node-redis' offline queue meanwhile (the store's timeout
// bounds that wait). Without an `error` listener a lost connection would crash the process.
const redis = createClient({ url: config.redisUrl, socket: { reconnectStrategy: () => 100 } });
redis.on("error", () => {});
await redis.connect();

const events: PlankyLogEvent[] = [];
const planky = createPlankyClient({
  baseUrl: config.baseUrl,
  clientId: "fleet-client",
  clientSecret: "fleet-secret",
  maxRetries: 0,
  tokenStore: redisTokenStore({ redis, lockTtl: config.lockTtl, timeout: config.timeout }),
  logger: (event) => events.push(event),
});

process.on("message", async (message: ToWorker) => {
  if (message.type === "exit") {
    redis.destroy();
    process.exit(0);
  }
  const started = Date.now();
  const results = await Promise.allSettled(
    Array.from({ length: message.calls }, () => planky.customers.listBanks({ customerId: "cust-1" })),
  );
  const failed = results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
  const reasons = events.flatMap((event) => (event.type === "token-store-error" ? [event.reason ?? ""] : []));
  const ok = results.length - failed.length;
  post({ type: "done", ok, failed, storeErrors: reasons.length, reasons, ms: Date.now() - started });
});
post({ type: "ready" });
