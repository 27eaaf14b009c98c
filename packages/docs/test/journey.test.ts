/**
 * The Quick start's journey (samples/guides/journey-to-the-data.ts) against the stateful sandbox (Prism in front
 * checks every request and answer against the spec), driven in Planky's order: setup once → sign-up (customer,
 * invitation) → the customer connects a bank (the sandbox's control API stands in) → the REPORT_AVAILABLE the
 * sandbox delivered goes to the sample's webhook route → the data is pulled; the consent is reconfirmed only when the
 * customer agrees again. Nothing is pulled before REPORT_AVAILABLE, nothing reconfirmed before the agreement.
 */
import { type RunningSandbox, startSandbox } from "@planky-kit/mock/sandbox";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { callControl } from "./support/sandbox-control";
import { sampleFile } from "./support/spec";

interface Journey {
  setUp(): Promise<void>;
  signUp(userId: string, email: string): Promise<string>;
  onWebhook(rawBody: string): Promise<void>;
  onCustomerAgreedAgain(customerId: string, bankSlug: string): Promise<boolean>;
}

let sandbox: RunningSandbox;
const exchanges: string[] = [];
const logged: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  vi.stubEnv("PLANKY_BASE_URL", sandbox.url);
  vi.stubEnv("PLANKY_CLIENT_ID", "journey-client-id");
  vi.stubEnv("PLANKY_CLIENT_SECRET", "journey-client-secret");
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const response = await realFetch(request);
    const path = new URL(request.url).pathname;
    if (!path.startsWith("/_sandbox/")) exchanges.push(`${response.status} ${request.method} ${path}`);
    return response;
  });
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
}, 180_000);

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await sandbox?.stop();
});

/** The sandbox's control API (not Planky's): what the customer and Planky's webhook sender do. */
const control = (path: string, body?: unknown) => callControl(sandbox.url, path, body);

test("setup → sign-up → [customer connects] → REPORT_AVAILABLE → pull; reconfirm only once the customer agrees again", async () => {
  const journey = (await import(sampleFile("guides/journey-to-the-data"))) as Journey;
  expect(exchanges, "importing the sample calls nothing").toEqual([]);

  await journey.setUp();
  const customerId = await journey.signUp(`user-${crypto.randomUUID()}`, "jane.doe@example.com");
  expect(exchanges).toEqual([
    "200 POST /oauth/v2/token",
    "200 POST /public/v3/webhooks",
    "200 POST /public/v3/allowed-redirect-urls",
    "200 POST /public/v3/customers",
    "200 POST /public/v3/invitations",
  ]);
  exchanges.length = 0;

  // The customer follows the invitation and authorises a consent at barclays; the sandbox sends REPORT_AVAILABLE
  // (at once: its choice) to the URL the sample registered.
  await control("consents", { customer_id: customerId, bank_slug: "barclays", status: "Authorised" });
  const { data } = await control(`webhooks/deliveries?customer_id=${customerId}&webhook_type=REPORT_AVAILABLE`);
  expect(data).toHaveLength(1);
  expect(data[0].url).toBe("https://app.example.com/planky/webhooks/3f9c1e7a");
  expect(exchanges, "nothing is pulled until the webhook route runs").toEqual([]);

  // Your webhook route receives it.
  await journey.onWebhook(JSON.stringify(data[0].payload));
  const pages = exchanges.filter((e) => e.endsWith(`/customers/${customerId}/transactions`));
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(exchanges).toEqual([
    `200 GET /public/v3/customers/${customerId}/accounts`,
    `200 GET /public/v3/customers/${customerId}/balances`,
    ...pages,
  ]);
  expect(exchanges.some((e) => e.includes("reconfirmation"))).toBe(false);
  // The data the sandbox made for that consent, counted as the sandbox serves it.
  const accounts = await fetchJson(`/public/v3/customers/${customerId}/accounts`);
  expect(logged).toEqual([
    expect.stringMatching(
      new RegExp(
        `^${accounts.data.length} account\\(s\\), ${accounts.data.length * 2} balance\\(s\\), [1-9]\\d* transaction\\(s\\)$`,
      ),
    ),
  ]);
  exchanges.length = 0;

  // A webhook of another type pulls nothing.
  await journey.onWebhook(
    JSON.stringify({ msg: "m", customer_id: Number(customerId), event_id: 1, webhook_type: "NEW_EVENT" }),
  );
  expect(exchanges).toEqual([]);

  // Weeks later, the customer agrees again on your page: only then is the consent reconfirmed.
  expect(await journey.onCustomerAgreedAgain(customerId, "barclays")).toBe(true);
  expect(exchanges).toEqual([
    `200 POST /public/v3/customers/${customerId}/bank/barclays/consent/account/reconfirmation`,
  ]);
}, 120_000);

/** A Bearer call of the test's own, outside the recorded exchanges' meaning (it is recorded, then dropped). */
async function fetchJson(path: string) {
  const token = await (
    await fetch(`${sandbox.url}/oauth/v2/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: "journey-client-id", client_secret: "x", grant_type: "client_credentials" }),
    })
  ).json();
  const body = await (
    await fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${token.access_token}` } })
  ).json();
  exchanges.length = 0;
  return body;
}
