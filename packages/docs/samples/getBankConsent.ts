import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Server side, with your access token (no customer
// token). Throws NotFoundError on a 404, which is how the
// spec models "no consent at this bank yet" (Planky does
// not document that answer).
const consent = await planky.customers.getBankConsent({
  customerId: "1234",
  bankSlug: "barclays",
});
// Within each 90 days, once the customer agrees again,
// reconfirm (customers.reconfirmConsent), or Planky stops
// updating the bank feed. The date: ask by then (our
// reading; Planky does not say it is the last day).
console.log(consent.status, consent.consent_reconfirmation_date);
