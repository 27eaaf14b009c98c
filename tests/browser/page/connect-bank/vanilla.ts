// The same flow without a framework: @planky-kit/client/connect-bank over the webflow client.
import { createConnectBank } from "@planky-kit/client/connect-bank";
import { createWebflowClient } from "@planky-kit/client/webflow";

declare const PLANKY_BASE_URL: string; // test-only

const planky = createWebflowClient({
  customerToken: async () => {
    const response = await fetch("/api/planky-token", { method: "POST" });
    if (!response.ok) throw new Error(`no customer token: HTTP ${response.status}`);
    return response.text();
  },
  baseUrl: PLANKY_BASE_URL, // test-only
});
const connect = createConnectBank(planky, { returnUrl: `${location.origin}/bank-return` });
const main = document.querySelector("main") as HTMLElement;

if (location.pathname === "/bank-return") {
  // Every outcome is a value with a `kind`; nothing here throws.
  const outcome = await connect.resume(location.href);
  main.dataset.outcome = outcome.kind;
  main.textContent =
    outcome.kind === "authorised" ? `Connected to ${outcome.bankSlug}.` : `Not connected (${outcome.kind}).`;
} else {
  const banks = await connect.banks();
  if (banks.kind !== "ok") main.textContent = `Could not load the banks (${banks.kind}).`;
  for (const { bank, connected } of banks.kind === "ok" ? banks.data : []) {
    const button = Object.assign(document.createElement("button"), { textContent: `Connect ${bank.name}` });
    button.disabled = connected;
    button.dataset.bank = bank.slug;
    // start() creates the bank flow URL, keeps its state in sessionStorage and sends the browser to the bank.
    button.onclick = async () => {
      const started = await connect.start({ bankSlug: bank.slug });
      if (started.kind !== "redirect") main.append(`Could not reach your bank (${started.kind}).`);
    };
    main.append(button);
  }
}
