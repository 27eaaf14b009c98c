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

// `url`: where the bank sends the customer back; it
// must be one of your allowed redirect URLs.
const { data: flow } = await planky.raw.POST("/public/v3/webflow/banks/{bank_slug}/redirect", {
  params: {
    path: { bank_slug: "barclays" },
    query: { url: "https://app.example.com/planky/return" },
  },
  headers,
});
// Send the customer's browser to the bank.
console.log(flow?.url);
