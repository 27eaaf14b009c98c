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

const { response } = await planky.raw.DELETE("/public/v3/webflow/banks/{bank_slug}/consent/delete", {
  params: { path: { bank_slug: "barclays" } },
  headers,
});
// The docs show 200 {"status":"success"}, an Android
// SDK expects 204: treat any 2xx as deleted.
console.log(response.ok ? "deleted" : `failed: ${response.status}`);
