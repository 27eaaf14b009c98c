import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Within every 90 days, after your customer agrees again:
// without it Planky stops updating the bank feed.
const { status } = await planky.customers.reconfirmConsent({
  customerId: "1234",
  bankSlug: "barclays",
});
console.log("reconfirmed:", status);
