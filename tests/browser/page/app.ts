/**
 * The front end under test, written as an app would: it asks its own server for the customer token and calls
 * Planky's webflow endpoints from the browser with the webflow client. No API keys are anywhere near it.
 */
import { createWebflowClient } from "@planky-kit/client/webflow";

// Injected by the build (esbuild `define`), as front-end builds inject their configuration.
declare const PLANKY_BASE_URL: string;

const planky = createWebflowClient({
  baseUrl: PLANKY_BASE_URL,
  // The page's own server creates the token (`customers.createToken()`) for the signed-in customer.
  customerToken: async () => {
    const response = await fetch("/customer-token", { method: "POST" });
    if (!response.ok) throw new Error(`the server gave no customer token (${response.status})`);
    return response.text();
  },
});

function element(selector: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`the page has no ${selector}`);
  return found;
}

async function show(): Promise<void> {
  const banks = await planky.banks.list();
  for (const { bank, connected } of banks) {
    const item = document.createElement("li");
    item.dataset.slug = bank.slug;
    item.textContent = `${bank.name}: ${connected ? "connected" : "not connected"}`;
    element("#banks").append(item);
  }
  // The consent worth polling is the one at a connected bank; with none connected, the first bank's.
  const bank = (banks.find(({ connected }) => connected) ?? banks[0])?.bank;
  if (!bank) return;
  const consent = await planky.consents.getStatus({ bankSlug: bank.slug });
  element("#consent-bank").textContent = bank.slug;
  element("#consent-status").textContent = consent.status;
}

show().then(
  () => {
    document.body.dataset.state = "done";
  },
  (error: unknown) => {
    element("#error").textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    document.body.dataset.state = "failed";
  },
);
