/**
 * The root README's "Using the client" snippet is the first code a newcomer copies: it must run as printed against
 * the mock (only its base URL is pointed at this test's Prism) and make the calls of the documented flow, in
 * Planky's order: sign-up first, the data only from the webhook route on REPORT_AVAILABLE.
 */
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startPrism } from "../../mock/src/prism-launcher.mjs";
import { CLIENT_README, ROOT_README, readmeSnippet } from "./support/readme-snippet";

let prism: Awaited<ReturnType<typeof startPrism>>;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await prism?.stop();
});

test.each([
  ["the root README's 'Using the client'", ROOT_README, "## Using the client"],
  ["the client's npm README", CLIENT_README, "The journey in Planky's order"],
])(
  "%s runs against the mock: customer → invitation, then on REPORT_AVAILABLE → banks → consent at the connected bank → accounts, balances, transactions",
  async (_name, readmeUrl, marker) => {
    vi.restoreAllMocks();
    const { file } = await readmeSnippet(
      marker,
      `readme-journey-${readmeUrl === ROOT_README ? "root" : "client"}.ts`,
      prism.url,
      readmeUrl,
    );

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

    const readme = (await import(file.href)) as { onPlankyWebhook(rawBody: string): Promise<void> };
    // At sign-up: no data call.
    expect(exchanges).toEqual([
      "200 POST /oauth/v2/token",
      "200 POST /public/v3/customers",
      "200 POST /public/v3/invitations",
    ]);
    expect(logged).toEqual(["customer 1234 invited: https://planky.com/invitation/123456789abcdef"]);

    // Another webhook type pulls nothing; REPORT_AVAILABLE (the spec's example payload) pulls everything.
    await readme.onPlankyWebhook(
      JSON.stringify({ msg: "m", customer_id: 1234, account_id: 1, webhook_type: "ACCOUNT_AUTHORIZATION_LOST" }),
    );
    expect(exchanges).toHaveLength(3);
    await readme.onPlankyWebhook(
      JSON.stringify({ msg: "Customer report is available", customer_id: 1234, webhook_type: "REPORT_AVAILABLE" }),
    );
    expect(exchanges.slice(3)).toEqual([
      "200 GET /public/v3/customers/1234/banks",
      // Only the bank with a consent in the list (the example's barclays, not hsbc).
      "200 GET /public/v3/customers/1234/bank/barclays/consent/account",
      "200 GET /public/v3/customers/1234/accounts",
      "200 GET /public/v3/customers/1234/balances",
      "200 GET /public/v3/customers/1234/transactions",
    ]);
    expect(logged.slice(1)).toEqual(["barclays Authorised", "1 account(s)", "1 balance(s)", "1 transaction(s)"]);
  },
);
