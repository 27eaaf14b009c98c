// In the browser, on the page your registered return URL
// serves. Before sending the customer to the bank, keep the
// `state` createBankFlowUrl() returned (e.g. sessionStorage).
import { BankRedirectStateError, createWebflowClient, parseBankRedirect } from "@planky-kit/client/webflow";

const testQuery = "status=Success&customer_id=1234&consent_id=c-1&state=8d3f2a"; // test-only
globalThis.location ??= new URL(`https://a.test/r?${testQuery}&bank_slug=barclays`) as unknown as Location; // test-only
globalThis.sessionStorage ??= { getItem: () => "8d3f2a" } as unknown as Storage; // test-only

const planky = createWebflowClient({
  customerToken: async () => {
    const response = await fetch("/api/planky-token", { method: "POST" });
    if (!response.ok) throw new Error(`no customer token: HTTP ${response.status}`);
    return response.text();
  },
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// parseBankRedirect throws BankRedirectStateError unless
// `state` is the one you kept: a forged or replayed return
// must not pass. An "Error" status is returned, not thrown.
export async function onReturnFromBank(url: string, state: string): Promise<string> {
  try {
    const back = parseBankRedirect(url, { state });
    if (back.status === "Error") return `the bank flow failed: ${back.message ?? "no message"}`;
    // "Success": the consent's status is what counts.
    const consent = await planky.consents.getStatus({ bankSlug: back.bank_slug });
    return `consent at ${back.bank_slug}: ${consent.status}`;
  } catch (error) {
    if (error instanceof BankRedirectStateError) return "not a return we started";
    throw error;
  }
}

console.log(await onReturnFromBank(location.href, sessionStorage.getItem("planky-state") ?? ""));
