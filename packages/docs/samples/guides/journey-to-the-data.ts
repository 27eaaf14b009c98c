// The journey to the data, server side, in Planky's order:
// register once → customer → invitation → wait for
// REPORT_AVAILABLE → pull. Each step runs at its own
// moment (setup, sign-up, your webhook route), so each is a
// function of yours. Reconfirmation is not part of it: only
// after the customer agrees again, before the date.
import { createPlankyClient, parseWebhook } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// 1. Once (a setup step, not once per deploy): where Planky
// posts webhooks, and, for your own bank-connection UX,
// every URL the bank may send the customer back to.
export async function setUp() {
  await planky.webhooks.create({ url: "https://app.example.com/planky/webhooks/3f9c1e7a" });
  await planky.allowedRedirectUrls.create({ url: "https://app.example.com/planky/return" });
}

// 2. At sign-up: the customer under your own unique id
// (e.g. your primary key), then the invitation (or your
// own flow: see "Front end"). Nothing to pull yet.
export async function signUp(userId: string, email: string) {
  const customer = await planky.customers.create({ user_reference: userId });
  await planky.invitations.create({ email, reference: userId, send_email: true });
  return customer.id; // keep it with your user
}

// 3. Your webhook route: pull once Planky says the data is
// ready (REPORT_AVAILABLE), and again on REPORT_UPDATED.
export async function onWebhook(rawBody: string) {
  const event = parseWebhook(rawBody);
  if (event.webhook_type === "REPORT_AVAILABLE" || event.webhook_type === "REPORT_UPDATED") {
    await pullData(String(event.customer_id)); // a number in webhooks
  }
}

async function pullData(customerId: string) {
  const accounts = await planky.customers.accounts({ customerId });
  const balances = await planky.customers.balances({ customerId });
  const stored = new Set<string>(); // your database
  // Page after page; one page is in memory at a time.
  for await (const transaction of planky.customers.transactions({ customerId })) {
    stored.add(transaction.id);
  }
  console.log(`${accounts.length} account(s), ${balances.length} balance(s), ${stored.size} transaction(s)`);
}

// Later, within each 90 days: ask the customer on a page of
// yours ("you must collect consent reconfirmation"). Only
// when they agree, reconfirm at that bank. Each consent's
// consent_reconfirmation_date says by when (our reading:
// Planky does not say whether it is the last day).
export async function onCustomerAgreedAgain(customerId: string, bankSlug: string) {
  const { status } = await planky.customers.reconfirmConsent({ customerId, bankSlug });
  return status;
}
