import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Fetches page after page as you iterate.
for await (const invitation of planky.invitations.list()) {
  console.log(invitation.email, invitation.url);
}
