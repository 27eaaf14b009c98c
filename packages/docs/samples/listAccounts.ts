import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// After REPORT_AVAILABLE: the accounts the customer shared.
const accounts = await planky.customers.accounts({
  customerId: "1234",
});
for (const account of accounts) {
  console.log(account.bank_slug, account.sub_type, account.currency);
}
