/**
 * The root README's "Using the client" snippet is the first code a newcomer copies: it must run as printed against
 * the mock (only its base URL is pointed at this test's Prism) and make the calls of the documented flow, in order.
 */

import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startPrism } from "../../mock/src/prism-launcher.mjs";
import { readmeSnippet } from "./support/readme-snippet";

let prism: Awaited<ReturnType<typeof startPrism>>;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await prism?.stop();
});

test("README 'Using the client' runs against the mock: customer → invitation → banks → consent at the connected bank → accounts, balances, transactions", async () => {
  const { file } = await readmeSnippet("## Using the client", "readme-using-the-client.ts", prism.url);

  const exchanges: string[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const response = await realFetch(request);
    exchanges.push(`${response.status} ${request.method} ${new URL(request.url).pathname}`);
    return response;
  });
  const logged: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });

  await import(file.href);

  expect(exchanges).toEqual([
    "200 POST /oauth/v2/token",
    "200 POST /public/v3/customers",
    "200 POST /public/v3/invitations",
    "200 GET /public/v3/customers/1234/banks",
    // Only the bank with a consent in the list (the example's barclays, not hsbc).
    "200 GET /public/v3/customers/1234/bank/barclays/consent/account",
    "200 GET /public/v3/customers/1234/accounts",
    "200 GET /public/v3/customers/1234/balances",
    "200 GET /public/v3/customers/1234/transactions",
  ]);
  expect(logged).toEqual(["barclays Authorised", "1 account(s)", "1 balance(s)", "1553077496 -3.2 GBP"]);
});
