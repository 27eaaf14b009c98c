import { createWebflowClient } from "@planky-kit/client/webflow";

// In the browser: no API keys, only the customer token
// your server hands out (see "Front end" in the overview).
const planky = createWebflowClient({
  customerToken: () => fetch("/api/planky-token", { method: "POST" }).then((r) => r.text()),
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Each item: the bank (its `slug` is what the other
// calls take), the customer's accounts there, and
// whether the customer has connected it.
const banks = await planky.banks.list();
for (const { bank, connected } of banks) {
  console.log(bank.slug, connected ? "connected" : "not connected");
}
