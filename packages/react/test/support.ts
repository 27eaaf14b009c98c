/** A stubbed Planky for the hooks' tests: a webflow client whose `fetch` answers from a handler and records calls. */
import { createWebflowClient } from "@planky-kit/client/webflow";

export const BASE_URL = "https://planky.test";
export const RETURN_URL = "https://app.example/bank-return";

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export const consent = (status: string) => ({
  consent_id: "consent-1",
  creation_date_time: 1,
  status,
  status_update_date_time: 1,
  permissions: ["ReadAccountsBasic"],
  transaction_from_date_time: 1,
  transaction_to_date_time: 2,
});

export const BANKS = [
  { bank: { name: "Barclays", slug: "barclays" }, accounts: [], connected: true },
  { bank: { name: "HSBC", slug: "hsbc" }, accounts: [], connected: false },
];

export function stubClient(answer: (request: Request) => Response | Promise<Response>) {
  const calls: string[] = [];
  const client = createWebflowClient({
    customerToken: "ct-1234567890",
    baseUrl: BASE_URL,
    maxRetries: 0,
    fetch: async (request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      return answer(request);
    },
  });
  return { client, calls };
}
