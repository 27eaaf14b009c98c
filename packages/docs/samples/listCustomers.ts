import { createPlankyClient, NotFoundError } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Did a create whose answer you never got go through?
// Look the customer up by your own reference. What Planky
// answers when none matches is not documented: an empty
// list (the spec's guess) or a 404 both mean "not created".
const [customer] = await planky.customers
  .findByUserReference({ userReference: "user-42" })
  .catch((error) => (error instanceof NotFoundError ? [] : Promise.reject(error)));
console.log(customer?.id ?? "no customer with this reference");
