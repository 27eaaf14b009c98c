/**
 * The whole journey to the data, through the built `@planky-kit/client` (server and webflow entries) against the
 * sandbox with Prism checking every exchange: register the return URL and the webhook once → customer → invitation
 * or the custom flow (bank list → bank flow URL → the bank → parseBankRedirect) → REPORT_AVAILABLE → accounts,
 * balances and every transaction → REPORT_UPDATED → the new transactions → reconfirm before day 90, and what day 91
 * without it looks like.
 */
import { createPlankyClient, type PlankyClient, parseWebhook } from "@planky-kit/client";
import { BankRedirectStateError, createWebflowClient, parseBankRedirect } from "@planky-kit/client/webflow";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index";
import { type Receiver, startReceiver } from "./support";

const CLIENT_ID = "journey-e2e";
let sandbox: RunningSandbox;
let receiver: Receiver;
let planky: PlankyClient;
let returnUrl: string;

beforeAll(async () => {
  [sandbox, receiver] = await Promise.all([startSandbox(), startReceiver()]);
  planky = createPlankyClient({ clientId: CLIENT_ID, clientSecret: "secret", baseUrl: sandbox.url, maxRetries: 0 });
  returnUrl = `${sandbox.url}/_sandbox/return`;
  // Once per integration: where webhooks go, and where the bank may send customers back.
  await planky.webhooks.create({ url: receiver.url });
  await planky.allowedRedirectUrls.create({ url: returnUrl, comment: "journey test" });
}, 180_000);
afterAll(async () => {
  await sandbox?.stop();
  await receiver?.stop();
});

const control = async (path: string, body: unknown) => {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status, path).toBe(200);
  return response.json();
};

/** Every transaction, as a team's sync job reads them: one page in memory at a time. */
async function pullTransactions(customerId: string) {
  const ids: string[] = [];
  for await (const transaction of planky.customers.transactions({ customerId, maxPerPage: 100 })) {
    ids.push(transaction.id);
  }
  return ids;
}

test("invitation → REPORT_AVAILABLE → accounts, balances, every transaction → REPORT_UPDATED → reconfirm", async () => {
  const reference = `journey-${Date.now()}`;
  const customer = await planky.customers.create({ user_reference: reference });
  await planky.invitations.create({ email: "ada@example.com", reference, send_email: false });

  // The customer follows the invitation and connects a bank (the control API stands in for them).
  const available = receiver.next();
  await control("consents", { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" });
  const report = parseWebhook(await available);
  expect(report).toMatchObject({ webhook_type: "REPORT_AVAILABLE", customer_id: Number(customer.id) });

  const connected = (await planky.customers.listBanks({ customerId: customer.id })).filter(
    (bank) => bank.account_consents.length > 0,
  );
  expect(connected.map((bank) => bank.slug)).toEqual(["barclays"]);
  const consent = await planky.customers.getBankConsent({ customerId: customer.id, bankSlug: "barclays" });
  expect(consent.status).toBe("Authorised");

  const accounts = await planky.customers.accounts({ customerId: customer.id });
  const balances = await planky.customers.balances({ customerId: customer.id });
  expect(accounts.length).toBeGreaterThan(0);
  expect(new Set(balances.map((b) => b.account_number))).toEqual(new Set(accounts.map((a) => a.number)));
  const first = await pullTransactions(customer.id);
  expect(first.length).toBeGreaterThan(0);
  expect(new Set(first).size).toBe(first.length);

  // New data at the bank: REPORT_UPDATED, and the next pull has exactly the new transactions on top.
  const updated = receiver.next();
  await control("transactions", { customer_id: customer.id, bank_slug: "barclays", count: 150 });
  expect(parseWebhook(await updated)).toMatchObject({ webhook_type: "REPORT_UPDATED" });
  const second = await pullTransactions(customer.id);
  expect(second.length).toBe(first.length + 150);
  expect(second.slice(0, first.length)).toEqual(first);

  // Day 89: reconfirm before day 90, and the feed keeps updating on day 91.
  await control("clock", { client_id: CLIENT_ID, advance_days: 89 });
  const reconfirmed = await planky.customers.reconfirmConsent({ customerId: customer.id, bankSlug: "barclays" });
  expect(reconfirmed.status).toBe(true);
  await control("clock", { client_id: CLIENT_ID, advance_days: 2 });
  expect(await control("transactions", { customer_id: customer.id, bank_slug: "barclays", count: 1 })).toMatchObject({
    added: 1,
    feed: "live",
  });
  const after = await planky.customers.getBankConsent({ customerId: customer.id, bankSlug: "barclays" });
  expect(after.consent_reconfirmation_date).toBeGreaterThan(consent.consent_reconfirmation_date ?? 0);
}, 120_000);

test("custom flow: the front end sends the customer to the bank and checks the return with parseBankRedirect", async () => {
  const customer = await planky.customers.create({ user_reference: `front-${Date.now()}` });
  const { token } = await planky.customers.createToken({ customerId: customer.id });
  const webflow = createWebflowClient({ customerToken: token, baseUrl: sandbox.url, maxRetries: 0 });

  const [first] = await webflow.banks.list();
  const bankSlug = first?.bank.slug as string;
  await webflow.consents.createScreen({ bankSlug });
  const flow = await webflow.consents.createBankFlowUrl({ bankSlug, url: returnUrl });
  // The browser goes to the bank and comes back to the registered page.
  const atBank = await fetch(flow.url, { redirect: "manual" });
  const back = atBank.headers.get("location") ?? "";
  expect(back.startsWith(returnUrl)).toBe(true);

  expect(() => parseBankRedirect(back, { state: "another-trip" })).toThrow(BankRedirectStateError);
  const returned = parseBankRedirect(back, { state: flow.state });
  expect(returned).toMatchObject({
    status: "Success",
    customer_id: customer.id,
    consent_id: flow.consent_id,
    bank_slug: bankSlug,
  });
  expect((await webflow.consents.getStatus({ bankSlug })).status).toBe("Authorised");
  expect((await planky.customers.accounts({ customerId: customer.id })).map((a) => a.bank_slug)).toContain(bankSlug);
}, 120_000);

test("an unregistered return URL is refused by the sandbox, as Planky requires registration", async () => {
  const customer = await planky.customers.create({ user_reference: `unregistered-${Date.now()}` });
  const { token } = await planky.customers.createToken({ customerId: customer.id });
  const webflow = createWebflowClient({ customerToken: token, baseUrl: sandbox.url, maxRetries: 0 });
  await expect(
    webflow.consents.createBankFlowUrl({ bankSlug: "barclays", url: "https://not-registered.example/back" }),
  ).rejects.toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: "url" })] } });
}, 120_000);
