/**
 * The journey to the data, edge by edge, as plain functions (no Prism) so Stryker can run them: registering return
 * URLs, reconfirming, and the transaction list's paging links and filters, as an app paging through them sees them.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { sandboxCore } from "./support";

const RETURN_URL = "https://app.test/return";

let core: Awaited<ReturnType<typeof sandboxCore>>;
let bearer: string;
let customerId: string;
let appUser: string;

beforeEach(async () => {
  core = await sandboxCore({ clientId: "journey-unit" });
  bearer = await core.accessToken();
  const { body: customer } = await core.call("POST", "/public/v3/customers", {
    auth: bearer,
    body: { user_reference: "ada" },
  });
  customerId = customer.id;
  const { body: token } = await core.call("POST", `/public/v3/customers/${customerId}/token`, { auth: bearer });
  appUser = `AppUserToken ${token.token}`;
});

async function authorise(bank = "barclays") {
  await core.call("POST", "/public/v3/allowed-redirect-urls", { auth: bearer, body: { url: RETURN_URL } });
  const flow = await core.call("POST", `/public/v3/webflow/banks/${bank}/redirect?url=${RETURN_URL}`, {
    auth: appUser,
  });
  expect((await core.call("GET", new URL(flow.body.url).pathname)).status).toBe(302);
}

const transactions = (query: string) =>
  core.call("GET", `/public/v3/customers/${customerId}/transactions?${query}`, { auth: bearer });

describe("allowed redirect URLs", () => {
  test("the same URL twice answers the first id; another URL gets a new one", async () => {
    const first = await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: bearer,
      body: { url: RETURN_URL, comment: "production" },
    });
    const again = await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: bearer,
      body: { url: RETURN_URL },
    });
    const other = await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: bearer,
      body: { url: "https://app.test/other" },
    });
    expect(again.body.allowed_redirect_url_id).toBe(first.body.allowed_redirect_url_id);
    expect(other.body.allowed_redirect_url_id).not.toBe(first.body.allowed_redirect_url_id);
    expect(typeof first.body.allowed_redirect_url_id).toBe("number");
  });

  test("a URL that is not absolute is a 400 naming `url`", async () => {
    const { status, body } = await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: bearer,
      body: { url: "/relative/path" },
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: "url", problem: "must be an absolute URL" })]);
  });

  test("a bank flow to a URL that was never registered is refused; once registered it is allowed", async () => {
    const path = "/public/v3/webflow/banks/barclays/redirect?url=https://app.test/unregistered";
    expect((await core.call("POST", path, { auth: appUser })).status).not.toBe(200);
    await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: bearer,
      body: { url: "https://app.test/unregistered" },
    });
    expect((await core.call("POST", path, { auth: appUser })).status).toBe(200);
  });
});

describe("reconfirmation", () => {
  const reconfirm = (bank: string) =>
    core.call("POST", `/public/v3/customers/${customerId}/bank/${bank}/consent/account/reconfirmation`, {
      auth: bearer,
    });

  test("only an authorised consent can be reconfirmed; the 404 names the customer and the bank", async () => {
    const before = await reconfirm("barclays");
    expect(before.status).toBe(404);
    expect(before.body.message).toContain(customerId);
    expect(before.body.message).toContain("barclays");
    await authorise();
    const after = await reconfirm("barclays");
    expect(after).toEqual({ status: 200, body: { status: true } });
  });

  test("reconfirming moves the reconfirmation date to 90 days from the sandbox's clock", async () => {
    await authorise();
    await core.call("POST", "/_sandbox/clock", { body: { client_id: "journey-unit", advance_days: 30 } });
    const { body: clock } = await core.call("GET", "/_sandbox/clock?client_id=journey-unit");
    const now = clock.data[0].now as number;
    await reconfirm("barclays");
    const consent = await core.call("GET", `/public/v3/customers/${customerId}/bank/barclays/consent/account`, {
      auth: bearer,
    });
    expect(consent.body.consent_reconfirmation_date).toBeGreaterThanOrEqual(now + 90 * 24 * 3600);
    expect(consent.body.consent_reconfirmation_date).toBeLessThanOrEqual(now + 90 * 24 * 3600 + 5);
  });
});

describe("the transaction list", () => {
  test("an unknown customer's accounts, balances and transactions are a 404 naming the customer", async () => {
    for (const what of ["accounts", "balances", "transactions"]) {
      const { status, body } = await core.call("GET", `/public/v3/customers/424242/${what}`, { auth: bearer });
      expect(status, what).toBe(404);
      expect(body.message, what).toContain("424242");
    }
  });

  test("paging: self, next, previous and last links keep the query; pages and max_per_page say how it is cut", async () => {
    await authorise();
    const { body: first } = await transactions("max_per_page=2&currency=GBP");
    expect(first.pages).toBeGreaterThan(2);
    expect(first.max_per_page).toBe(2);
    expect(first.data).toHaveLength(2);
    expect(first._links.previous).toBeUndefined();
    const next = new URL(first._links.next.href, "http://x");
    expect(next.pathname).toBe(`/public/v3/customers/${customerId}/transactions`);
    expect(Object.fromEntries(next.searchParams)).toEqual({ max_per_page: "2", currency: "GBP", page: "2" });
    expect(new URL(first._links.self.href, "http://x").searchParams.get("page")).toBe("1");
    expect(new URL(first._links.last.href, "http://x").searchParams.get("page")).toBe(String(first.pages));

    const { body: second } = await transactions("max_per_page=2&currency=GBP&page=2");
    expect(second.page).toBe(2);
    expect(new URL(second._links.previous.href, "http://x").searchParams.get("page")).toBe("1");
    expect(second.data.map((t: { id: string }) => t.id)).not.toContain(first.data[0].id);

    const { body: last } = await transactions(`max_per_page=2&page=${first.pages}`);
    expect(last._links.next).toBeUndefined();
    expect(last.data.length).toBeGreaterThan(0);
  });

  test("filters: currency and account_type that match nothing give an empty list; booking_date_time_to cuts the end", async () => {
    await authorise();
    const { body: all } = await transactions("max_per_page=1000");
    expect(all.data.length).toBeGreaterThan(2);
    expect((await transactions("currency=EUR")).body.data).toEqual([]);
    expect((await transactions("account_type=Business")).body.data).toEqual([]);
    expect((await transactions("account_type=Personal")).body.data).toHaveLength(all.data.length);
    const cut = all.data[1].booking_date_time as number;
    const { body: early } = await transactions(`booking_date_time_to=${cut}`);
    expect(early.data.length).toBeGreaterThanOrEqual(2);
    expect(early.data.length).toBeLessThan(all.data.length);
    expect(early.data.every((t: { booking_date_time: number }) => t.booking_date_time <= cut)).toBe(true);
    const one = all.data[0].account_number as string;
    const { body: ofOne } = await transactions(`account_number=${encodeURIComponent(one)}`);
    expect(ofOne.data.every((t: { account_number: string }) => t.account_number === one)).toBe(true);
  });

  test("accounts and balances list only banks with an authorised consent", async () => {
    await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customerId, bank_slug: "hsbc", status: "AwaitingAuthorisation" },
    });
    const path = `/public/v3/customers/${customerId}`;
    expect((await core.call("GET", `${path}/accounts`, { auth: bearer })).body.data).toEqual([]);
    await authorise();
    const accounts = (await core.call("GET", `${path}/accounts`, { auth: bearer })).body.data;
    const balances = (await core.call("GET", `${path}/balances`, { auth: bearer })).body.data;
    expect(accounts.length).toBeGreaterThan(0);
    expect(balances.length).toBeGreaterThan(0);
  });
});
