import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Webflow calls authenticate with the customer token
// (`AppUserToken`), not with your access token.
const { token } = await planky.customers.createToken({
  customerId: "1234",
});
const headers = { Authorization: `AppUserToken ${token}` };

// Empty arrays: no third parties, default purpose.
const { data: screen } = await planky.raw.POST("/public/v3/webflow/banks/{bank_slug}/consent", {
  params: { path: { bank_slug: "barclays" } },
  body: {
    application_sharing_third_parties: [],
    application_sharing_purposes: [],
  },
  headers,
});
console.log(screen?.metadata.application_name);
