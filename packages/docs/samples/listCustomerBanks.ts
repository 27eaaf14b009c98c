import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Server side, with your access token: which banks has
// this customer connected, and with which consents?
const banks = await planky.customers.listBanks({
  customerId: "1234",
});
for (const bank of banks) {
  const statuses = bank.account_consents.map((c) => c.status);
  console.log(bank.slug, statuses);
}
