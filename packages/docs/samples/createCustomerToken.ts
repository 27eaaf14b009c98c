import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// The customer token authenticates the "webflow"
// endpoints for this one customer; so (our reading) your
// front end can use it without holding your API keys.
const { token } = await planky.customers.createToken({
  customerId: "1234",
});
console.log(token);
