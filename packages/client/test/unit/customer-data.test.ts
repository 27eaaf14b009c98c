/**
 * The journey's server-side calls with a stubbed fetch: registering a redirect URL, the 90-day reconfirmation,
 * and the customer's accounts and balances. Each sends the documented method, path and body with the access token.
 */
import { describe, expect, test } from "vitest";
import { type Account, type Balance, NotFoundError, PlankyValidationError } from "../../src/index";
import { example } from "../support/spec";
import { json, stubClient } from "./stub-fetch";

const accounts = example<{ data: Account[] }>("AccountsOneCurrentAccount");
const balances = example<{ data: Balance[] }>("BalancesOneBalance");

describe("allowedRedirectUrls.create()", () => {
  test("POSTs { url, comment } to /public/v3/allowed-redirect-urls and resolves with the id", async () => {
    const { client, api } = stubClient({ api: () => json({ allowed_redirect_url_id: 123456 }, 201) });
    const created = await client.allowedRedirectUrls.create({
      url: "https://app.example.com/planky/return",
      comment: "return page",
    });
    expect(created).toEqual({ allowed_redirect_url_id: 123456 });
    expect(api()).toEqual([
      {
        method: "POST",
        path: "/public/v3/allowed-redirect-urls",
        authorization: "Bearer token-1",
        body: JSON.stringify({ url: "https://app.example.com/planky/return", comment: "return page" }),
      },
    ]);
  });

  test("sends no comment when none is given", async () => {
    const { client, api } = stubClient({ api: () => json({ allowed_redirect_url_id: 1 }) });
    await client.allowedRedirectUrls.create({ url: "myapp://planky/return" });
    expect(JSON.parse(api()[0]?.body ?? "")).toEqual({ url: "myapp://planky/return" });
  });

  test("is not retried after a 500 (it may have acted): a second registration is not documented as harmless", async () => {
    const { client, api } = stubClient({ api: () => json({ message: "oops" }, 500) });
    await expect(client.allowedRedirectUrls.create({ url: "https://app.example.com/r" })).rejects.toMatchObject({
      status: 500,
    });
    expect(api()).toHaveLength(1);
  });

  test.each([
    [{ url: "/planky/return" }, "url"],
    [{ url: "" }, "url"],
    [{ url: "https://app.example.com/r", comment: 7 }, "comment"],
    [null, "params"],
  ])("refuses %j naming %s, and sends nothing", async (params, field) => {
    const { client, requests } = stubClient({ api: () => json({ allowed_redirect_url_id: 1 }) });
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    const error = await client.allowedRedirectUrls.create(params as any).catch((e) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect(error.field).toBe(field);
    expect(requests).toHaveLength(0);
  });
});

describe("customers.reconfirmConsent()", () => {
  test("POSTs to the bank consent's reconfirmation path and resolves with { status }", async () => {
    const { client, api } = stubClient({ api: () => json({ status: true }) });
    expect(await client.customers.reconfirmConsent({ customerId: "1001", bankSlug: "barclays" })).toEqual({
      status: true,
    });
    expect(api().map((r) => `${r.method} ${r.path} ${r.authorization}`)).toEqual([
      "POST /public/v3/customers/1001/bank/barclays/consent/account/reconfirmation Bearer token-1",
    ]);
  });

  test("is not retried after a 500: a second reconfirmation is not documented as harmless", async () => {
    const { client, api } = stubClient({ api: () => json({ message: "oops" }, 500) });
    await expect(client.customers.reconfirmConsent({ customerId: "1001", bankSlug: "barclays" })).rejects.toMatchObject(
      { status: 500 },
    );
    expect(api()).toHaveLength(1);
  });

  test("no consent there (404) is a NotFoundError, not retried", async () => {
    const { client, api } = stubClient({ api: () => json({ message: "Consent not found" }, 404) });
    const error = await client.customers.reconfirmConsent({ customerId: "1001", bankSlug: "hsbc" }).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(api()).toHaveLength(1);
  });

  test("a missing bankSlug is a PlankyValidationError naming it", async () => {
    const { client, requests } = stubClient({ api: () => json({ status: true }) });
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    const error = await client.customers.reconfirmConsent({ customerId: "1001" } as any).catch((e) => e);
    expect(error).toMatchObject({ name: "PlankyValidationError", field: "bankSlug" });
    expect(requests).toHaveLength(0);
  });
});

describe("customers.accounts() and customers.balances()", () => {
  test("accounts() GETs the customer's accounts and resolves with the data array", async () => {
    const { client, api } = stubClient({ api: () => json(accounts) });
    const result = await client.customers.accounts({ customerId: "1001" });
    expect(result).toEqual(accounts.data);
    expect(result[0]?.sub_type).toBe("CurrentAccount");
    expect(api().map((r) => `${r.method} ${r.path}`)).toEqual(["GET /public/v3/customers/1001/accounts"]);
  });

  test("balances() GETs the customer's balances and resolves with the data array", async () => {
    const { client, api } = stubClient({ api: () => json(balances) });
    const result = await client.customers.balances({ customerId: "1001" });
    expect(result).toEqual(balances.data);
    expect(api().map((r) => `${r.method} ${r.path}`)).toEqual(["GET /public/v3/customers/1001/balances"]);
  });

  test("reads are retried after a 503", async () => {
    const { client, api } = stubClient({
      api: (_request, call) => (call === 1 ? json({ message: "busy" }, 503) : json({ data: [] })),
    });
    expect(await client.customers.balances({ customerId: "1001" })).toEqual([]);
    expect(api()).toHaveLength(2);
  });

  test.each(["accounts", "balances"] as const)(
    "%s() without a customerId names it and sends nothing",
    async (method) => {
      const { client, requests } = stubClient({ api: () => json({ data: [] }) });
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
      const error = await client.customers[method]({} as any).catch((e) => e);
      expect(error).toMatchObject({ name: "PlankyValidationError", field: "customerId" });
      expect(requests).toHaveLength(0);
    },
  );
});
