/**
 * `@planky-kit/client/token-store`: one access token for every process of a fleet. `redisTokenStore()` keeps it
 * in Redis through a client you pass in (node-redis, the `redis` package); `sharedTokenStore()` wraps your own
 * `TokenStore`. No Redis client is imported here: this entry only calls the one you give it.
 */
import { PlankyValidationError } from "./errors";
import { type SharedTokenStore, type StoredToken, sharedTokenStore, type TokenStore } from "./internal/shared-token";

/**
 * The one method this store needs from a Redis client: node-redis' `sendCommand` (the `redis` package, v4 to v6),
 * e.g. `createClient({ url })` after `connect()`. Resolves with the command's reply.
 */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisTokenStoreOptions {
  /** A connected Redis client: `await createClient({ url }).connect()` from the `redis` package. */
  redis: RedisCommands;
  /** Prefix of the two keys (the token and its refresh lock). Default: `planky-kit:token:`. */
  prefix?: string;
  /**
   * Milliseconds the refresh lock lives: a process that dies while refreshing blocks the others no longer.
   * Default: 10 000.
   */
  lockTtl?: number;
  /** Milliseconds the client waits for Redis on any one command before it fetches its own token. Default: 1 000. */
  timeout?: number;
}

/** Deletes the token only if it is still the one the server rejected (a newer one stays). */
const DROP_IF_SAME = `local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).accessToken == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
/** Releases the lock only if this process still holds it (it may have expired and been taken by another). */
const RELEASE_IF_OURS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The token in Redis under `<prefix><baseUrl> <clientId>` as JSON `{ accessToken, expiresAt }`, with Redis' own
 * expiry (`PX`) at `expiresAt`; the refresh lock under the same key plus `:lock`, taken with `SET NX PX`.
 */
export function redisTokenStore(options: RedisTokenStoreOptions): SharedTokenStore {
  return sharedTokenStore(redisStore(options));
}

/** The `TokenStore` behind `redisTokenStore()`. */
export function redisStore(options: RedisTokenStoreOptions): TokenStore {
  if (typeof options?.redis?.sendCommand !== "function")
    throw new PlankyValidationError("redis", "expected a connected node-redis client (with sendCommand)");
  const { redis, prefix = "planky-kit:token:", lockTtl = 10_000, timeout = 1000 } = options;
  if (typeof prefix !== "string") throw new PlankyValidationError("prefix", "expected a string");
  for (const [field, value] of [
    ["lockTtl", lockTtl],
    ["timeout", timeout],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0)
      throw new PlankyValidationError(field, "expected a positive whole number of milliseconds");
  }
  return {
    timeout,
    async read(key) {
      const value = await redis.sendCommand(["GET", prefix + key]);
      if (typeof value !== "string") return undefined;
      const token = JSON.parse(value) as Partial<StoredToken>;
      return typeof token.accessToken === "string" && typeof token.expiresAt === "number"
        ? { accessToken: token.accessToken, expiresAt: token.expiresAt }
        : undefined;
    },
    async write(key, token) {
      const ttl = Math.floor(token.expiresAt - Date.now());
      if (ttl <= 0) return;
      await redis.sendCommand(["SET", prefix + key, JSON.stringify(token), "PX", String(ttl)]);
    },
    async drop(key, accessToken) {
      await redis.sendCommand(["EVAL", DROP_IF_SAME, "1", prefix + key, accessToken]);
    },
    async lock(key) {
      const lockKey = `${prefix + key}:lock`;
      const holder = globalThis.crypto.randomUUID();
      const taken = await redis.sendCommand(["SET", lockKey, holder, "NX", "PX", String(lockTtl)]);
      if (taken !== "OK") return undefined;
      return async () => {
        await redis.sendCommand(["EVAL", RELEASE_IF_OURS, "1", lockKey, holder]);
      };
    },
  };
}

export type { PlankyLogEvent } from "./internal/request";
export type { ResponseViolation } from "./internal/response-hook";
export type { SharedIssue, SharedTokenStore, SharingClient, StoredToken, TokenStore } from "./internal/shared-token";
export type { IssuedToken } from "./internal/tokens";
export { sharedTokenStore };
