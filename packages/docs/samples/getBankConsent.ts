import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Server side, with your access token (no customer
// token). Throws NotFoundError while there is no
// consent at this bank yet.
const consent = await planky.customers.getBankConsent({
  customerId: "1234",
  bankSlug: "barclays",
});
// Reconfirm every 90 days (customers.reconfirmConsent),
// or Planky stops updating the bank feed.
console.log(consent.status, consent.consent_reconfirmation_date);
