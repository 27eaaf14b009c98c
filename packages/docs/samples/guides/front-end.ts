// In the browser: list the banks, then read the consent at
// the one the customer connected, e.g. after they come back
// from their bank.
import { createWebflowClient } from "@planky-kit/client/webflow";

const planky = createWebflowClient({
  // Asks your server's route (above); after a 401 the client
  // asks once more and replays the call once.
  customerToken: async () => {
    const response = await fetch("/api/planky-token", { method: "POST" });
    if (!response.ok) throw new Error(`no customer token: HTTP ${response.status}`);
    return response.text();
  },
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

const banks = await planky.banks.list();
for (const { bank, connected } of banks) {
  console.log(bank.name, connected ? "connected" : "not connected");
}
const connected = banks.find((item) => item.connected);
if (connected) {
  const { slug } = connected.bank;
  const consent = await planky.consents.getStatus({ bankSlug: slug });
  console.log(`consent at ${slug}:`, consent.status);
}
