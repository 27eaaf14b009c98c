import { createWebflowClient } from "@planky-kit/client/webflow";

// In the browser: no API keys, only the customer token
// your server hands out (see "Front end" in the overview).
const planky = createWebflowClient({
  customerToken: () => fetch("/api/planky-token", { method: "POST" }).then((r) => r.text()),
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// The docs show 200 {"status":"success"}, an Android
// SDK expects 204 (then this is `undefined`).
const result = await planky.consents.delete({ bankSlug: "barclays" });
console.log("deleted:", result?.status ?? "204 No Content");
