/**
 * One process of the fleet bench (forked by measure-fleet.ts): a client with or without the Redis token store,
 * `calls` calls on the parent's "go", then it reports and exits.
 */
import { createPlankyClient } from "@planky-kit/client";
import { redisTokenStore } from "@planky-kit/client/token-store";
import { createClient } from "redis";

const { baseUrl, redisUrl, clientId, calls } = JSON.parse(process.argv[2] ?? "{}") as {
  baseUrl: string;
  redisUrl?: string;
  clientId: string;
  calls: number;
};
const redis = redisUrl
  ? await createClient({ url: redisUrl })
      .on("error", () => {})
      .connect()
  : undefined;
const planky = createPlankyClient({
  baseUrl,
  clientId,
  clientSecret: "bench-secret",
  ...(redis ? { tokenStore: redisTokenStore({ redis, timeout: 30_000, lockTtl: 60_000 }) } : {}),
});
process.once("message", async () => {
  for (let i = 0; i < calls; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, calls - i) }, () => planky.customers.listBanks({ customerId: "c1" })),
    );
  }
  redis?.destroy();
  process.send?.("done", () => process.exit(0));
});
process.send?.("ready");
