import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// The balances of those accounts.
const balances = await planky.customers.balances({
  customerId: "1234",
});
for (const balance of balances) {
  console.log(balance.account_number, balance.type, balance.amount);
}
