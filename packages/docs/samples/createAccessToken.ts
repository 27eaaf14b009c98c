// You never call POST /oauth/v2/token yourself: the
// client fetches the access token on first use, caches
// it until it expires and sends it as a Bearer token.
import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  // From "Planky API keys" in the Planky dashboard.
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// This first call requests the token, then uses it.
const customer = await planky.customers.create({
  user_reference: "user-42",
});
console.log(customer.id);
