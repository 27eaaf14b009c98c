// Keeping a customer's data in sync, after the Quick start's
// journey: your webhook route acts once per delivery and
// re-reads only what changed; a daily job catches up and
// finds the consents to reconfirm. Your database is two maps
// here: transactions by id, and a sync cursor per customer.
import { createPlankyClient, createWebhookHandler, type Transaction } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

export const db = {
  transactions: new Map<string, Map<string, Transaction>>(),
  cursors: new Map<string, string | undefined>(),
};

// 1. Your webhook route (Next.js: export const POST = webhookRoute;
// node:http: createServer(toNodeListener(webhookRoute))). It answers
// 200 at once, then runs handle; an equal delivery within 10
// minutes is not acted on again. The payload is only a hint
// (Planky signs nothing): read the data back through the API.
export const webhookRoute = createWebhookHandler({
  handle: async (event) => {
    if (event.webhook_type === "REPORT_AVAILABLE" || event.webhook_type === "REPORT_UPDATED") {
      await syncCustomer(String(event.customer_id)); // a number in webhooks
    }
  },
  secret: process.env.PLANKY_WEBHOOK_SECRET, // the last segment of the URL you registered
});

// 2. Only what changed since the last sync, applied by id. The
// first sync (no cursor) brings every transaction.
export async function syncCustomer(customerId: string) {
  const copy = db.transactions.get(customerId) ?? new Map<string, Transaction>();
  db.transactions.set(customerId, copy);
  let cursor = db.cursors.get(customerId);
  for (let more = true; more; ) {
    const page = await planky.customers.syncTransactions({ customerId, cursor });
    for (const t of [...page.added, ...page.modified]) copy.set(t.id, t);
    for (const { id } of page.removed) copy.delete(id);
    ({ cursor, hasMore: more } = page);
  }
  db.cursors.set(customerId, cursor); // only once hasMore is false
}

// 3. Once a day: catch up with what a webhook did not bring,
// then ask every customer whose consent is due for
// reconfirmation within 14 days (our choice of notice).
export async function dailyJob() {
  for (const customerId of db.cursors.keys()) await syncCustomer(customerId);
  for await (const due of planky.customers.consentsDue({ withinDays: 14, customerIds: db.cursors.keys() })) {
    await askCustomerToReconfirm(due.customerId, due.bankSlug, new Date(due.reconfirmBy * 1000));
  }
}

// Yours: an email or an in-app prompt linking to your page.
// Only once they agree: planky.customers.reconfirmConsent(…).
async function askCustomerToReconfirm(customerId: string, bankSlug: string, by: Date) {
  console.log(`ask customer ${customerId} to reconfirm ${bankSlug} by ${by.toISOString().slice(0, 10)}`);
}
