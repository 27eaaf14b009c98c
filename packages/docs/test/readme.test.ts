/**
 * The root README's "Using the client" snippet is the first code a newcomer copies: it must run as printed against
 * the mock (only its base URL is pointed at this test's Prism) and make the calls of the documented flow, in order.
 */
import { startPrism } from "@planky-kit/spec/prism";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { readmeSnippet } from "./support/readme-snippet";

let prism: Awaited<ReturnType<typeof startPrism>>;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await prism?.stop();
});

test("README 'Using the client' runs against the mock: customer → invitation → banks → consent at each bank", async () => {
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
    "200 GET /public/v3/customers/1234/bank/barclays/consent/account",
    // The mock is stateless: it answers its first example for every bank.
    "200 GET /public/v3/customers/1234/bank/hsbc/consent/account",
  ]);
  expect(logged).toEqual(["barclays Authorised", "hsbc Authorised"]);
});
