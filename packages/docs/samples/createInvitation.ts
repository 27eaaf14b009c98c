import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// `reference` must equal the `user_reference` of a
// customer you created before.
const invitation = await planky.invitations.create({
  customer_type: "Individual",
  first_name: "Jane",
  last_name: "Doe",
  email: "jane.doe@example.com",
  reference: "user-42",
  // true: Planky emails the link to `email`;
  // false: you share `invitation.url` yourself.
  send_email: true,
});
console.log(invitation.url);
