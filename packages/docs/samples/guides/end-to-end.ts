// The documented flow, server side: customer → invitation
// → (REPORT_AVAILABLE webhook) → banks and consent.
import { type BankConsent, createPlankyClient, NotFoundError } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// At sign-up: register the customer under your own id
// and invite them. (Register your webhook URL once, as a
// setup step, not per deploy: planky.webhooks.create.)
async function inviteCustomer(userReference: string, email: string) {
  const customer = await planky.customers.create({
    user_reference: userReference,
  });
  const invitation = await planky.invitations.create({
    email,
    reference: userReference, // = user_reference
    send_email: true, // Planky emails the link
  });
  console.log("invitation created:", invitation.url);
  return customer.id;
}

// No consent at a bank (yet) is a 404: an answer, not a
// failure, so it becomes `undefined` here.
async function consentAt(customerId: string, bankSlug: string): Promise<BankConsent | undefined> {
  try {
    return await planky.customers.getBankConsent({ customerId, bankSlug });
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

// When REPORT_AVAILABLE arrives for this customer (see the
// webhook receiver): which bank did they connect, and is
// the consent there authorised?
async function onReportAvailable(customerId: string) {
  const banks = await planky.customers.listBanks({ customerId });
  const connected = banks.filter((bank) => bank.account_consents.length > 0);
  for (const bank of connected) {
    const consent = await consentAt(customerId, bank.slug);
    console.log(`consent at ${bank.slug}:`, consent?.status ?? "none yet");
  }
}

// Your own unique id for the user (e.g. your primary key);
// a reused one is refused, so here a fresh one per run.
const customerId = await inviteCustomer(`user-${crypto.randomUUID()}`, "jane.doe@example.com");
// Your webhook route calls onReportAvailable on this
// customer's REPORT_AVAILABLE. Called here at once, before
// the customer has opened the link, it finds no consent.
await onReportAvailable(customerId);
