/**
 * The journey to the data, called directly (no Prism; `sandboxCore` checks every answer against the spec's declared
 * statuses and schemas): redirect URLs must be registered, an authorised consent gives deterministic accounts,
 * balances and pages of transactions, the feed updates with REPORT_UPDATED until the reconfirmation date passes on
 * the partition's clock, and a reconfirmation moves that date on.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { type Receiver, sandboxCore, startReceiver } from "./support";

const RETURN_URL = "https://app.test/planky/return";
const DAY = 24 * 3600;

type Core = Awaited<ReturnType<typeof sandboxCore>>;

/** A customer of `clientId` with a customer token, in `core`. */
async function customerOf(core: Core, reference: string, clientId = "journey") {
  const { body: token } = await core.call("POST", "/oauth/v2/token", {
    body: { client_id: clientId, client_secret: "s", grant_type: "client_credentials" },
  });
  const bearer = `Bearer ${token.access_token}`;
  const { body: customer } = await core.call("POST", "/public/v3/customers", {
    auth: bearer,
    body: { user_reference: reference },
  });
  const { body: customerToken } = await core.call("POST", `/public/v3/customers/${customer.id}/token`, {
    auth: bearer,
  });
  return { bearer, id: customer.id as string, appUser: `AppUserToken ${customerToken.token}` };
}

/** The customer's bank flow at `bank`, authorised at the simulated bank. */
async function authorise(core: Core, who: { appUser: string }, bank = "barclays") {
  const flow = await core.call("POST", `/public/v3/webflow/banks/${bank}/redirect?url=${RETURN_URL}`, {
    auth: who.appUser,
  });
  expect(flow.status).toBe(200);
  const page = await core.call("GET", new URL(flow.body.url).pathname);
  expect(page.status).toBe(302);
}

async function allTransactions(core: Core, who: { bearer: string; id: string }, query = "") {
  const pages = [];
  for (let page = 1; ; page += 1) {
    const { status, body } = await core.call(
      "GET",
      `/public/v3/customers/${who.id}/transactions?max_per_page=100&page=${page}${query}`,
      { auth: who.bearer },
    );
    expect(status).toBe(200);
    pages.push(body);
    if (!body._links.next) break;
  }
  return { pages, transactions: pages.flatMap((p) => p.data) };
}

let core: Core;
let receiver: Receiver;
let ada: Awaited<ReturnType<typeof customerOf>>;

beforeEach(async () => {
  core = await sandboxCore();
  receiver = await startReceiver();
  ada = await customerOf(core, "ada");
  await core.call("POST", "/public/v3/webhooks", { auth: ada.bearer, body: { url: receiver.url } });
  return () => receiver.stop();
});

describe("allowed redirect URLs", () => {
  test("a bank flow URL for an unregistered return URL is refused with a 400 naming url", async () => {
    const flow = await core.call("POST", `/public/v3/webflow/banks/barclays/redirect?url=${RETURN_URL}`, {
      auth: ada.appUser,
    });
    expect(flow.status).toBe(400);
    expect(flow.body.errors).toEqual([
      { in: "query", field: "url", problem: expect.stringContaining("allowed-redirect-urls") },
    ]);
  });

  test("once registered, the flow is accepted; registering the same URL again answers the same id", async () => {
    const first = await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: ada.bearer,
      body: { url: RETURN_URL, comment: "production return page" },
    });
    const again = await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: ada.bearer,
      body: { url: RETURN_URL },
    });
    expect(first.status).toBe(200);
    expect(again.body.allowed_redirect_url_id).toBe(first.body.allowed_redirect_url_id);
    await authorise(core, ada);
  });

  test("a registration belongs to its client id: another partition must register its own", async () => {
    await core.call("POST", "/public/v3/allowed-redirect-urls", { auth: ada.bearer, body: { url: RETURN_URL } });
    const other = await customerOf(core, "bob", "another-team");
    const flow = await core.call("POST", `/public/v3/webflow/banks/barclays/redirect?url=${RETURN_URL}`, {
      auth: other.appUser,
    });
    expect(flow.status).toBe(400);
  });

  test("a url that is not absolute is a 400 naming url", async () => {
    const { status, body } = await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: ada.bearer,
      body: { url: "/planky/return" },
    });
    expect(status).toBe(400);
    expect(body.errors[0].field).toBe("url");
  });
});

describe("the data behind an authorised consent", () => {
  beforeEach(async () => {
    await core.call("POST", "/public/v3/allowed-redirect-urls", { auth: ada.bearer, body: { url: RETURN_URL } });
  });

  test("before the customer shares a bank: empty accounts, balances and one empty page of transactions", async () => {
    const accounts = await core.call("GET", `/public/v3/customers/${ada.id}/accounts`, { auth: ada.bearer });
    const balances = await core.call("GET", `/public/v3/customers/${ada.id}/balances`, { auth: ada.bearer });
    const transactions = await core.call("GET", `/public/v3/customers/${ada.id}/transactions`, { auth: ada.bearer });
    expect([accounts.body.data, balances.body.data, transactions.body.data]).toEqual([[], [], []]);
    expect(transactions.body).toMatchObject({ page: 1, pages: 0, max_per_page: 1000 });
  });

  test("an unknown customer is a 404 on each data read", async () => {
    for (const what of ["accounts", "balances", "transactions"]) {
      const { status } = await core.call("GET", `/public/v3/customers/999999/${what}`, { auth: ada.bearer });
      expect({ what, status }).toEqual({ what, status: 404 });
    }
  });

  test("accounts and balances at the bank, in the spec's shapes, clearly fake, and agreeing with the transactions", async () => {
    await authorise(core, ada);
    const { body: accounts } = await core.call("GET", `/public/v3/customers/${ada.id}/accounts`, { auth: ada.bearer });
    expect(accounts.data.length).toBeGreaterThanOrEqual(1);
    expect(accounts.data[0]).toMatchObject({ bank_slug: "barclays", sub_type: "CurrentAccount", currency: "GBP" });
    for (const account of accounts.data) expect(account.name).toMatch(/^Sandbox /);

    const { body: balances } = await core.call("GET", `/public/v3/customers/${ada.id}/balances`, { auth: ada.bearer });
    const numbers = accounts.data.map((a: { number: string }) => a.number).sort();
    expect([...new Set(balances.data.map((b: { account_number: string }) => b.account_number))].sort()).toEqual(
      numbers,
    );

    // A new transaction moves the balance by exactly its amount.
    const before = balances.data.find((b: { type: string }) => b.type === "ClosingBooked").amount;
    const current = accounts.data[0].number;
    await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays", count: 1 },
    });
    const { transactions } = await allTransactions(core, ada, `&account_number=${current}`);
    const after = (await core.call("GET", `/public/v3/customers/${ada.id}/balances`, { auth: ada.bearer })).body.data;
    const closing = after.find((b: { type: string; account_number: string }) => b.type === "ClosingBooked");
    expect(Math.round((closing.amount - before) * 100)).toBe(Math.round((transactions.at(-1)?.amount ?? 0) * 100));
  });

  test("the same customer id at the same bank gets the same data in another sandbox", async () => {
    await authorise(core, ada);
    const other = await sandboxCore();
    const twin = await customerOf(other, "ada");
    await other.call("POST", "/public/v3/allowed-redirect-urls", { auth: twin.bearer, body: { url: RETURN_URL } });
    await authorise(other, twin);
    expect(twin.id).toBe(ada.id);
    const read = async (c: Core, who: typeof ada) => {
      const accounts = (await c.call("GET", `/public/v3/customers/${who.id}/accounts`, { auth: who.bearer })).body;
      const { transactions } = await allTransactions(c, who);
      return { accounts, transactions: transactions.map(({ id, name, amount }) => ({ id, name, amount })) };
    };
    expect(await read(other, twin)).toEqual(await read(core, ada));
  });

  test("every transaction once across the pages, oldest first, with _links.next until the last page", async () => {
    // Some customers have a busy current account (hundreds of transactions): find one among a few.
    let who = ada;
    let result = { pages: [] as { pages: number }[], transactions: [] as { id: string; booking_date_time: number }[] };
    for (let n = 0; n < 8; n += 1) {
      who = n === 0 ? ada : await customerOf(core, `busy-${n}`);
      await authorise(core, who);
      result = await allTransactions(core, who);
      if (result.transactions.length > 300) break;
    }
    expect(result.transactions.length).toBeGreaterThan(300);
    expect(result.pages.length).toBe(result.pages[0]?.pages);
    expect(new Set(result.transactions.map((t) => t.id)).size).toBe(result.transactions.length);
    const times = result.transactions.map((t) => t.booking_date_time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  test("filters: bank_slug, account_number and booking_date_time_from/to narrow the list; category_id is a 400", async () => {
    await authorise(core, ada, "barclays");
    await authorise(core, ada, "hsbc");
    const { transactions: all } = await allTransactions(core, ada);
    const { transactions: atHsbc } = await allTransactions(core, ada, "&bank_slug=hsbc");
    expect(atHsbc.length).toBeGreaterThan(0);
    expect(atHsbc.length).toBeLessThan(all.length);
    expect(atHsbc.every((t) => t.bank_slug === "hsbc")).toBe(true);
    const middle = all[Math.floor(all.length / 2)].booking_date_time;
    const { transactions: recent } = await allTransactions(core, ada, `&booking_date_time_from=${middle}`);
    expect(recent.every((t) => t.booking_date_time >= middle)).toBe(true);
    expect(recent.length).toBeLessThan(all.length);
    const refused = await core.call("GET", `/public/v3/customers/${ada.id}/transactions?category_id=7`, {
      auth: ada.bearer,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe("category_id");
  });
});

describe("REPORT_UPDATED, the 90-day reconfirmation and the sandbox clock", () => {
  beforeEach(async () => {
    await core.call("POST", "/public/v3/allowed-redirect-urls", { auth: ada.bearer, body: { url: RETURN_URL } });
    await authorise(core, ada);
  });

  const consentAt = async () =>
    (await core.call("GET", `/public/v3/customers/${ada.id}/bank/barclays/consent/account`, { auth: ada.bearer })).body;

  test("authorisation sets consent_reconfirmation_date 90 days on (Bearer view only)", async () => {
    const consent = await consentAt();
    expect(consent.consent_reconfirmation_date - consent.status_update_date_time).toBeGreaterThanOrEqual(90 * DAY - 5);
    expect(consent.consent_reconfirmation_date - consent.status_update_date_time).toBeLessThanOrEqual(90 * DAY + 5);
    const status = await core.call("GET", "/public/v3/webflow/banks/barclays/consent/status", { auth: ada.appUser });
    expect(status.body).not.toHaveProperty("consent_reconfirmation_date");
  });

  test("new transactions on the feed: REPORT_UPDATED to the receiver, and that many more transactions", async () => {
    const { transactions: before } = await allTransactions(core, ada);
    const { status, body } = await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays", count: 5 },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ added: 5, feed: "live" });
    const { body: deliveries } = await core.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
    expect(deliveries.data.map((d: { webhook_type: string }) => d.webhook_type)).toEqual([
      "REPORT_AVAILABLE",
      "REPORT_UPDATED",
    ]);
    expect(receiver.bodies.map((b) => JSON.parse(b).webhook_type)).toContain("REPORT_UPDATED");
    const { transactions: after } = await allTransactions(core, ada);
    expect(after.length).toBe(before.length + 5);
    expect(after.slice(0, before.length)).toEqual(before);
  });

  test("day 91 without a reconfirmation: the feed stops; a reconfirmation moves the date on and it updates again", async () => {
    const { body: clock } = await core.call("POST", "/_sandbox/clock", {
      body: { client_id: "journey", advance_days: 91 },
    });
    expect(clock.data[0].offset_seconds).toBe(91 * DAY);
    const stopped = await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays", count: 3 },
    });
    expect(stopped.body).toMatchObject({ added: 0, feed: "stopped", deliveries: [] });

    const before = (await consentAt()).consent_reconfirmation_date;
    const reconfirmed = await core.call(
      "POST",
      `/public/v3/customers/${ada.id}/bank/barclays/consent/account/reconfirmation`,
      { auth: ada.bearer },
    );
    expect(reconfirmed).toEqual({ status: 200, body: { status: true } });
    expect((await consentAt()).consent_reconfirmation_date).toBeGreaterThanOrEqual(before + 91 * DAY - 5);
    const live = await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays", count: 3 },
    });
    expect(live.body).toMatchObject({ added: 3, feed: "live" });
  });

  test("one partition's clock does not move another's", async () => {
    const other = await customerOf(core, "bob", "another-team");
    await core.call("POST", "/_sandbox/clock", { body: { client_id: "journey", advance_days: 91 } });
    const { body } = await core.call("GET", "/_sandbox/clock?client_id=another-team");
    expect(body.data).toEqual([{ client_id: "another-team", now: expect.any(Number), offset_seconds: 0 }]);
    expect(other.id).not.toBe(ada.id);
  });

  test("reconfirming without an authorised consent is a 404; bad control input names the field", async () => {
    const nobody = await core.call("POST", `/public/v3/customers/${ada.id}/bank/hsbc/consent/account/reconfirmation`, {
      auth: ada.bearer,
    });
    expect(nobody.status).toBe(404);
    const bad = await core.call("POST", "/_sandbox/transactions", {
      body: { customer_id: ada.id, bank_slug: "barclays", count: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe("count");
    const badClock = await core.call("POST", "/_sandbox/clock", { body: { advance_days: -1 } });
    expect(badClock.body.errors[0].field).toBe("advance_days");
  });
});
