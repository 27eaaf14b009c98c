import { createWebflowClient } from "@planky-kit/client/webflow";

// In the browser: no API keys, only the customer token
// your server hands out (see "Front end" in the overview).
const planky = createWebflowClient({
  customerToken: () => fetch("/api/planky-token", { method: "POST" }).then((r) => r.text()),
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// `url`: where the bank sends the customer back; your
// server must register it first (allowedRedirectUrls).
const flow = await planky.consents.createBankFlowUrl({
  bankSlug: "barclays",
  url: "https://app.example.com/planky/return",
});
// Send the customer's browser to the bank.
console.log(flow.url);
