import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// This endpoint authenticates with the customer token
// (`AppUserToken`), not with your access token.
const { token } = await planky.customers.createToken({
  customerId: "1234",
});
const consent = await planky.consents.getStatus({
  bankSlug: "barclays",
  customerToken: token,
});
// "Authorised", "AwaitingAuthorisation", "Rejected"
// or "Revoked".
console.log(consent.status);
