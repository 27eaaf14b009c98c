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

const { data: banks } = await planky.raw.GET("/public/v3/webflow/banks", {
  headers,
});
for (const { bank, connected } of banks ?? []) {
  console.log(bank.slug, connected ? "connected" : "not connected");
}
