/**
 * Where `createWebhookHandler()` remembers the deliveries it acted on: in memory (one process) or in Redis (a fleet).
 * A key is claimed before `handle` runs and released if `handle` fails, so a repeated delivery is acted on once.
 */
import { PlankyValidationError } from "./errors";
import type { RedisCommands } from "./token-store";

export interface WebhookDedupeStore {
  /** Claims `key` for `ttl` milliseconds: `true` if it was free (act on the delivery), `false` if already claimed. */
  claim(key: string, ttl: number): Promise<boolean>;
  /** Frees `key` (after `handle` failed), so a repeated delivery is acted on. */
  release(key: string): Promise<void>;
}

export interface MemoryWebhookStoreOptions {
  /** The most keys kept; beyond it the oldest claim is forgotten first. Default: 10 000. */
  maxKeys?: number;
}

/** The default store: this process only, bounded by `maxKeys`. */
export function memoryWebhookStore(options: MemoryWebhookStoreOptions = {}): WebhookDedupeStore {
  const maxKeys = options.maxKeys ?? 10_000;
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 1)
    throw new PlankyValidationError("maxKeys", "expected a whole number ≥ 1");
  // Key → expiry (ms). A Map iterates in insertion order, so the oldest claims come first.
  const expiries = new Map<string, number>();
  return {
    async claim(key, ttl) {
      const now = Date.now();
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > now) return false;
      expiries.delete(key);
      for (const [oldest, until] of expiries) {
        if (until > now && expiries.size < maxKeys) break;
        expiries.delete(oldest);
      }
      expiries.set(key, now + ttl);
      return true;
    },
    async release(key) {
      expiries.delete(key);
    },
  };
}

export interface RedisWebhookStoreOptions {
  /** A connected Redis client: `await createClient({ url }).connect()` from the `redis` package (v4 to v6). */
  redis: RedisCommands;
  /** Prefix of every key. Default: `planky-kit:webhook:`. */
  prefix?: string;
}

/** Claims with `SET <prefix><key> 1 NX PX <ttl>` and releases with `DEL`, through the client's `sendCommand`. */
export function redisWebhookStore(options: RedisWebhookStoreOptions): WebhookDedupeStore {
  if (typeof options?.redis?.sendCommand !== "function")
    throw new PlankyValidationError("redis", "expected a connected node-redis client (with sendCommand)");
  const { redis, prefix = "planky-kit:webhook:" } = options;
  if (typeof prefix !== "string") throw new PlankyValidationError("prefix", "expected a string");
  return {
    async claim(key, ttl) {
      return (await redis.sendCommand(["SET", prefix + key, "1", "NX", "PX", String(ttl)])) === "OK";
    },
    async release(key) {
      await redis.sendCommand(["DEL", prefix + key]);
    },
  };
}
