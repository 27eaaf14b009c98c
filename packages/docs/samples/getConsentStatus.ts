import { createWebflowClient } from "@planky-kit/client/webflow";

// In the browser: no API keys, only the customer token
// your server hands out (see "Front end" in the overview).
const planky = createWebflowClient({
  customerToken: () => fetch("/api/planky-token", { method: "POST" }).then((r) => r.text()),
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// "Authorised", "AwaitingAuthorisation", "Rejected"
// or "Revoked".
const consent = await planky.consents.getStatus({
  bankSlug: "barclays",
});
console.log(consent.status);
