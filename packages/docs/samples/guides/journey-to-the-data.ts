// The journey to the data, server side: register once →
// customer → invitation → REPORT_AVAILABLE → accounts,
// balances, every transaction → REPORT_UPDATED → reconfirm
// the consent before day 90.
import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Once (a setup step, not once per deploy): where Planky
// posts webhooks, and, for your own bank-connection UX,
// every URL the bank may send the customer back to.
await planky.webhooks.create({ url: "https://app.example.com/planky/webhooks/3f9c1e7a" });
await planky.allowedRedirectUrls.create({ url: "https://app.example.com/planky/return" });

// At sign-up: the customer under your own id, then the
// invitation (or your own flow: see "Front end").
const userReference = `user-${crypto.randomUUID()}`; // your own unique id, e.g. a primary key
const customer = await planky.customers.create({ user_reference: userReference });
await planky.invitations.create({ email: "jane.doe@example.com", reference: userReference, send_email: true });

// On REPORT_AVAILABLE (first data) and REPORT_UPDATED (new
// data) for this customer: pull everything into your system.
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
await pullData(customer.id);

// Before each consent's consent_reconfirmation_date (every
// 90 days), once your customer has agreed again: Planky
// stops updating the bank feed without it.
for (const bank of await planky.customers.listBanks({ customerId: customer.id })) {
  if (bank.account_consents.length === 0) continue;
  const consent = await planky.customers.getBankConsent({ customerId: customer.id, bankSlug: bank.slug });
  console.log(`reconfirm at ${bank.slug} by:`, consent.consent_reconfirmation_date ?? "date not given");
  await planky.customers.reconfirmConsent({ customerId: customer.id, bankSlug: bank.slug });
}
