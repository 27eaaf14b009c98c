/**
 * One customer's accounts at one bank are the same accounts wherever the sandbox shows them: Get Accounts (`id`,
 * `number`, `type`), the webflow bank list's `accounts` (`account_number`, `account_type`), the balances' and
 * transactions' `account_number`, and the `account_id` of `ACCOUNT_AUTHORIZATION_LOST` (one per account, the
 * account's `id` as a number). That link is the sandbox's choice; Planky documents none.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Receiver, sandboxCore, startReceiver } from "./support";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.stop());

test("Get Accounts, the webflow bank list, balances, transactions and ACCOUNT_AUTHORIZATION_LOST name the same accounts", async () => {
  const core = await sandboxCore();
  const bearer = await core.accessToken();
  await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url: receiver.url } });
  // Several customers, so that both one and several accounts at a bank are seen.
  const seenCounts = new Set<number>();
  for (const reference of ["line-up-1", "line-up-2", "line-up-3", "line-up-4", "line-up-5", "line-up-6"]) {
    const { body: customer } = await core.call("POST", "/public/v3/customers", {
      auth: bearer,
      body: { user_reference: reference },
    });
    const { body: token } = await core.call("POST", `/public/v3/customers/${customer.id}/token`, { auth: bearer });
    await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "hsbc", status: "Authorised" },
    });
    const path = `/public/v3/customers/${customer.id}`;
    const accounts = (await core.call("GET", `${path}/accounts`, { auth: bearer })).body.data as {
      id: string;
      number: string;
      type: string;
    }[];
    seenCounts.add(accounts.length);
    expect(accounts.length).toBeGreaterThanOrEqual(1);
    expect(accounts.length).toBeLessThanOrEqual(3);
    // Numeric text: the customer id, the bank's number (hsbc is the sandbox's second bank), the account's.
    expect(accounts.map((a) => a.id)).toEqual(accounts.map((_, i) => `${customer.id}2${i + 1}`));

    const webflow = (await core.call("GET", "/public/v3/webflow/banks", { auth: `AppUserToken ${token.token}` }))
      .body as { bank: { slug: string }; accounts: { account_number: string; account_type: string }[] }[];
    const hsbc = webflow.find((entry) => entry.bank.slug === "hsbc");
    expect(hsbc?.accounts).toEqual(
      accounts.map((a) => ({ account_number: a.number, account_type: a.type, is_authorized: true })),
    );
    expect(webflow.filter((entry) => entry.bank.slug !== "hsbc").every((e) => e.accounts.length === 0)).toBe(true);

    const numbers = new Set(accounts.map((a) => a.number));
    const balances = (await core.call("GET", `${path}/balances`, { auth: bearer })).body.data as {
      account_number: string;
    }[];
    expect(new Set(balances.map((b) => b.account_number))).toEqual(numbers);
    const page = (await core.call("GET", `${path}/transactions?max_per_page=1000`, { auth: bearer })).body.data as {
      account_number: string;
    }[];
    expect(page.every((t) => numbers.has(t.account_number))).toBe(true);

    receiver.bodies.length = 0;
    const revoked = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "hsbc", status: "Revoked" },
    });
    expect(revoked.body.deliveries.map((d: { payload: unknown }) => d.payload)).toEqual(
      accounts.map((a) => ({
        msg: expect.any(String),
        customer_id: Number(customer.id),
        account_id: Number(a.id),
        webhook_type: "ACCOUNT_AUTHORIZATION_LOST",
      })),
    );
  }
  // The six customers are not all alike: at least two different account counts were exercised.
  expect(seenCounts.size).toBeGreaterThan(1);
});
