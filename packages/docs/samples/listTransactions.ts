import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Every transaction, page after page, one page in memory.
const transactions = planky.customers.transactions({
  customerId: "1234",
});
for await (const transaction of transactions) {
  console.log(transaction.booking_date_time, transaction.amount);
}
