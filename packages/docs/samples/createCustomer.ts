import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// `user_reference`: your own unique id for this
// person or business, e.g. your primary key (a reused
// one is refused; here a fresh one per run).
const customer = await planky.customers.create({
  user_reference: `user-${crypto.randomUUID()}`,
});
// The Planky customer id, for customer-scoped calls.
console.log(customer.id);
