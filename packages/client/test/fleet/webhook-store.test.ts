/**
 * `redisWebhookStore()` against a real redis-server (started on a free port, as the fleet tests do): two handlers
 * (two processes of a fleet) sharing one Redis act once on a delivery both receive; the claim expires with the
 * window; a failed `handle` releases it. On src and on dist.
 */
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { WebhookPayload } from "../../src/index";
import { srcAndDist } from "../support/shipped";
import { ensureRedisServer, type RunningRedis, startRedis } from "./redis-server";

const REPORT_UPDATED = { msg: "Customer report is updated", customer_id: 123, webhook_type: "REPORT_UPDATED" };

let redisServer: RunningRedis;
let redis: ReturnType<typeof createClient>;

beforeAll(async () => {
  redisServer = await startRedis(ensureRedisServer());
  redis = createClient({ url: redisServer.url });
  await redis.connect();
});

afterAll(async () => {
  await redis?.quit();
  await redisServer?.stop();
});

const targets = await srcAndDist();

describe.each(targets)("redisWebhookStore() on %s", (name, kit) => {
  const post = () => new Request("https://you.example/hook", { method: "POST", body: JSON.stringify(REPORT_UPDATED) });

  test("two handlers sharing Redis act once on a delivery both receive; the key expires with the window", async () => {
    const prefix = `test:${name}:once:`;
    const handled: string[] = [];
    const work: Promise<unknown>[] = [];
    const fleet = ["a", "b"].map((process) =>
      kit.createWebhookHandler({
        handle: (event: WebhookPayload) => {
          handled.push(`${process}:${event.webhook_type}`);
        },
        store: kit.redisWebhookStore({ redis, prefix }),
        dedupeWindow: 60_000,
        waitUntil: (promise) => work.push(promise),
      }),
    );
    const answers = await Promise.all(fleet.map((handler) => handler(post())));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await Promise.all(work);
    expect(handled).toHaveLength(1);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.pTTL(keys[0] as string);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  test("a failed handle deletes the claim, so the next delivery is acted on", async () => {
    const prefix = `test:${name}:release:`;
    let calls = 0;
    const work: Promise<unknown>[] = [];
    const handler = kit.createWebhookHandler({
      handle: () => {
        calls += 1;
        if (calls === 1) throw new Error("failed once");
      },
      store: kit.redisWebhookStore({ redis, prefix }),
      onError: () => {},
      waitUntil: (promise) => work.push(promise),
    });
    await handler(post());
    await Promise.all(work);
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
    await handler(post());
    await Promise.all(work);
    expect(calls).toBe(2);
    expect(await redis.keys(`${prefix}*`)).toHaveLength(1);
  });

  test("refuses a client without sendCommand, naming redis", () => {
    expect(() => kit.redisWebhookStore({ redis: {} as never })).toThrow(expect.objectContaining({ field: "redis" }));
  });
});
