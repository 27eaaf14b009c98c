// The whole flow: access token → customer → invitation
// → customer token → consent status.
import { APIError, createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

try {
  // 1. The first call fetches (and caches) the token.
  const customer = await planky.customers.create({
    user_reference: "user-42",
  });

  // 2. Invite them: Planky emails a one-off link
  //    where they connect their bank.
  const invitation = await planky.invitations.create({
    email: "jane.doe@example.com",
    reference: customer.user_reference,
    send_email: true,
  });
  console.log("invitation sent:", invitation.url);

  // 3. Or build your own bank-connection UX with a
  //    customer token for the "webflow" endpoints…
  const { token } = await planky.customers.createToken({
    customerId: customer.id,
  });

  // 4. …and check their consent at one bank.
  const consent = await planky.consents.getStatus({
    bankSlug: "barclays",
    customerToken: token,
  });
  console.log("consent at barclays:", consent.status);
} catch (error) {
  // Any non-2xx answer is an APIError subclass:
  // BadRequestError, AuthenticationError, RateLimitError…
  if (error instanceof APIError) {
    console.error(error.status, error.message);
  }
  throw error;
}
