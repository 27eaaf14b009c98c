/**
 * The Quick start's journey (samples/guides/journey-to-the-data.ts) runs against a Prism mock of the spec, which
 * rejects any request the spec does not allow, and makes the documented calls in the documented order.
 */

import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startPrism } from "../../mock/src/prism-launcher.mjs";
import { sampleFile } from "./support/spec";

let prism: Awaited<ReturnType<typeof startPrism>>;
const exchanges: string[] = [];
const logged: string[] = [];

beforeAll(async () => {
  prism = await startPrism();
  vi.stubEnv("PLANKY_BASE_URL", prism.url);
  vi.stubEnv("PLANKY_CLIENT_ID", "sample-client-id");
  vi.stubEnv("PLANKY_CLIENT_SECRET", "sample-client-secret");
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const response = await realFetch(request);
    exchanges.push(`${response.status} ${request.method} ${new URL(request.url).pathname}`);
    return response;
  });
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await prism?.stop();
});

test("register once → customer → invitation → accounts, balances, every transaction → reconfirm, in that order", async () => {
  await import(sampleFile("guides/journey-to-the-data"));
  expect(exchanges).toEqual([
    "200 POST /oauth/v2/token",
    "200 POST /public/v3/webhooks",
    "200 POST /public/v3/allowed-redirect-urls",
    "200 POST /public/v3/customers",
    "200 POST /public/v3/invitations",
    "200 GET /public/v3/customers/1234/accounts",
    "200 GET /public/v3/customers/1234/balances",
    // The spec's first transactions example is a single page: the walk stops after it.
    "200 GET /public/v3/customers/1234/transactions",
    "200 GET /public/v3/customers/1234/banks",
    // Only the bank with a consent in the list (the example's barclays, not hsbc).
    "200 GET /public/v3/customers/1234/bank/barclays/consent/account",
    "200 POST /public/v3/customers/1234/bank/barclays/consent/account/reconfirmation",
  ]);
  expect(logged[0]).toBe("1 account(s), 1 balance(s), 1 transaction(s)");
  expect(logged[1]).toMatch(/^reconfirm at barclays by: /);
});
