import { createWebflowClient } from "@planky-kit/client/webflow";

// In the browser: no API keys, only the customer token
// your server hands out (see "Front end" in the overview).
const planky = createWebflowClient({
  customerToken: () => fetch("/api/planky-token", { method: "POST" }).then((r) => r.text()),
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Empty arrays: no third parties, default purpose.
const screen = await planky.consents.createScreen({
  bankSlug: "barclays",
  application_sharing_third_parties: [],
  application_sharing_purposes: [],
});
console.log(screen.metadata.application_name);
