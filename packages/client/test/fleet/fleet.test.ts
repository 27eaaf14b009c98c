/**
 * Eight processes sharing one access token through a real redis-server (started per test on a free port): one
 * token request for a cold fleet, one refresh after a 401 storm, every call succeeding while Redis dies, and the
 * fleet going on after the process holding the refresh lock is killed. Everything waits on events.
 */
import { once } from "node:events";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { removeWorkerBundle, startWorker, type Worker } from "./fleet";
import { startFleetServer } from "./fleet-server";
import { ensureRedisServer, startRedis } from "./redis-server";

const PROCESSES = 8;
const CALLS = 100;
const TOKEN_KEY = "planky-kit:token:";

let binary: string;
let cleanup: (() => Promise<void>)[] = [];

beforeAll(() => {
  binary = ensureRedisServer();
});

afterAll(removeWorkerBundle);

afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/**
 * Generous limits unless a test is about them: on a loaded 2-core CI machine a Redis answer or a token request may
 * take seconds, and that must not turn into a fallback (a second token) or an expired lock (a second refresher).
 */
async function setup(options: { lockTtl?: number; timeout?: number } = {}) {
  const redis = await startRedis(binary);
  cleanup.push(() => redis.stop());
  const server = await startFleetServer();
  cleanup.push(() => server.close());
  const config = {
    baseUrl: server.baseUrl,
    redisUrl: redis.url,
    lockTtl: options.lockTtl ?? 120_000,
    timeout: options.timeout ?? 60_000,
  };
  const spawn = async (count: number) => {
    const workers = await Promise.all(Array.from({ length: count }, () => startWorker(config)));
    cleanup.push(async () => {
      await Promise.all(workers.map((worker) => worker.exit()));
    });
    return workers;
  };
  return { redis, server, spawn };
}

const runAll = (workers: Worker[], calls: number) => Promise.all(workers.map((worker) => worker.run(calls)));

function expectAllSucceeded(reports: Awaited<ReturnType<typeof runAll>>, calls: number) {
  expect(reports.map((report) => report.failed)).toEqual(reports.map(() => []));
  expect(reports.map((report) => report.ok)).toEqual(reports.map(() => calls));
}

describe("a fleet sharing its token through Redis", () => {
  test(`${PROCESSES} processes × ${CALLS} calls on a cold cache make exactly one token request`, async () => {
    const { server, spawn, redis } = await setup();
    const workers = await spawn(PROCESSES);
    const reports = await runAll(workers, CALLS);
    expectAllSucceeded(reports, CALLS);
    expect(server.apiCalls()).toBe(PROCESSES * CALLS);
    expect(server.tokenRequests()).toBe(1);
    expect(reports.map((report) => report.reasons)).toEqual(reports.map(() => []));
    // What Redis holds: the token and its expiry under base URL + client id; never the client secret.
    const inspect = createClient({ url: redis.url });
    await inspect.connect();
    try {
      const keys = (await inspect.sendCommand(["KEYS", "*"])) as string[];
      expect(keys).toEqual([`${TOKEN_KEY}${server.baseUrl} fleet-client`]);
      const value = (await inspect.sendCommand(["GET", keys[0] as string])) as string;
      expect(Object.keys(JSON.parse(value))).toEqual(["accessToken", "expiresAt"]);
      expect(value).not.toContain("fleet-secret");
      const ttl = Number(await inspect.sendCommand(["PTTL", keys[0] as string]));
      expect(ttl).toBeGreaterThan(3000_000); // Redis' own expiry, at the token's (3600 s) lifetime
      expect(ttl).toBeLessThanOrEqual(3600_000);
    } finally {
      inspect.destroy();
    }
  }, 300_000);

  test(`a 401 storm across the ${PROCESSES} processes makes one refresh, not one per process`, async () => {
    const { server, spawn } = await setup();
    const workers = await spawn(PROCESSES);
    expectAllSucceeded(await runAll(workers, 10), 10);
    expect(server.tokenRequests()).toBe(1);
    server.revokeAll(); // token-1 is rejected from now on
    const reports = await runAll(workers, CALLS);
    expectAllSucceeded(reports, CALLS);
    expect(server.tokenRequests()).toBe(2);
    expect(reports.map((report) => report.reasons)).toEqual(reports.map(() => []));
  }, 300_000);

  test("Redis killed mid-run: every call still succeeds, each process fetching its own token", async () => {
    const { server, spawn, redis } = await setup({ timeout: 500 });
    const workers = await spawn(PROCESSES);
    expectAllSucceeded(await runAll(workers, 10), 10);
    const warm = server.apiCalls();
    // Mid-run: once a quarter of the next calls have been answered, the API holds its answers while Redis is
    // killed and the shared token revoked, so every call still waiting needs a new token while Redis is gone.
    const killed = new Promise<void>((resolve) => {
      const onCall = (count: number) => {
        if (count < warm + (PROCESSES * CALLS) / 4) return;
        server.events.off("api-call", onCall);
        const resume = server.pauseApi();
        void redis.kill().then(() => {
          server.revokeAll();
          resume();
          resolve();
        });
      };
      server.events.on("api-call", onCall);
    });
    const reports = await runAll(workers, CALLS);
    await killed;
    expectAllSucceeded(reports, CALLS);
    expect(redis.process.signalCode).toBe("SIGKILL");
    // The processes that needed a token after the kill logged the fallback and fetched their own.
    const fellBack = reports.filter((report) => report.storeErrors > 0).length;
    expect(fellBack).toBeGreaterThan(0);
    expect(server.tokenRequests()).toBeGreaterThan(1);
    expect(server.tokenRequests()).toBeLessThanOrEqual(1 + PROCESSES);
  }, 300_000);

  test("a process killed while holding the refresh lock blocks the others only until the lock expires", async () => {
    const lockTtl = 10_000;
    const { server, spawn, redis } = await setup({ lockTtl });
    const [holder, ...others] = await spawn(PROCESSES);
    server.holdNextTokenRequest();
    const held = once(server.events, "token-request");
    // The holder takes the lock and sends the token request, which is never answered.
    void (holder as Worker).run(1).catch(() => {});
    await held;
    const inspect = createClient({ url: redis.url });
    await inspect.connect();
    const lockKey = `${TOKEN_KEY}${server.baseUrl} fleet-client:lock`;
    try {
      expect(await inspect.sendCommand(["EXISTS", lockKey])).toBe(1);
      const reports = runAll(others, CALLS);
      (holder as Worker).process.kill("SIGKILL");
      const done = await reports;
      expectAllSucceeded(done, CALLS);
      // One more token request (by whichever process took the expired lock), and no one fell back to its own.
      expect(server.tokenRequests()).toBe(2);
      expect(done.map((report) => report.reasons)).toEqual(done.map(() => []));
      expect(await inspect.sendCommand(["EXISTS", lockKey])).toBe(0);
    } finally {
      inspect.destroy();
    }
  }, 300_000);
});
