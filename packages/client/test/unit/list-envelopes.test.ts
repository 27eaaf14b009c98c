/**
 * The list envelopes. Get Accounts' `{ data: [...] }` and Get Transactions' `page`/`pages`/`max_per_page`/`data`
 * paging are the spec's inference (Planky's pages show item fields only); Get Customers', Get Banks' and Get
 * Balances' `data` is shown by Planky. An answer without its envelope fails with an `InvalidResponseError` naming
 * the call and the envelope expected, never resolves with `undefined` typed as a list.
 */
import { describe, expect, test } from "vitest";
import { InvalidResponseError } from "../../src/index";
import { CLIENT_SECRET, json, stubClient } from "./stub-fetch";

const account = { id: "1", bank_slug: "barclays", number: "12345678" };

describe("a list answer without its `data` array", () => {
  test("accounts(): a bare array is an InvalidResponseError naming the call and the expected envelope", async () => {
    const { client } = stubClient({ api: () => json([account]) });
    const error = await client.customers.accounts({ customerId: "1001" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toBe('GET /public/v3/customers/1001/accounts returned no {"data": [...]} list.');
    expect(error.status).toBe(200);
    expect(error.body).toEqual([account]);
  });

  test.each([
    ["balances", "/public/v3/customers/1001/balances"],
    ["listBanks", "/public/v3/customers/1001/banks"],
  ] as const)("%s(): an object without `data` is refused the same way", async (method, path) => {
    const { client } = stubClient({ api: () => json({ items: [] }) });
    const error = await client.customers[method]({ customerId: "1001" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toBe(`GET ${path} returned no {"data": [...]} list.`);
  });

  test("findByUserReference(): `data` that is not an array is refused too", async () => {
    const { client } = stubClient({ api: () => json({ data: { id: "1001" } }) });
    const error = await client.customers.findByUserReference({ userReference: "u-1" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toBe('GET /public/v3/customers returned no {"data": [...]} list.');
  });

  test.each([["ok"], [null], [7]])("a JSON scalar (%j) is refused too, not read", async (body) => {
    const { client } = stubClient({ api: () => json(body) });
    const error = await client.customers.accounts({ customerId: "1001" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.body).toEqual(body);
  });

  test("the error's body is redacted like any other: a credential the answer echoes does not reach it", async () => {
    const { client } = stubClient({ api: () => json([{ echo: "token-1" }, { echo: CLIENT_SECRET }]) });
    const error = await client.customers.accounts({ customerId: "1001" }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(JSON.stringify(error.body)).not.toContain("token-1");
    expect(JSON.stringify(error.body)).not.toContain(CLIENT_SECRET);
    expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
  });

  test("the envelope is still read as before: `data` is what the call resolves with", async () => {
    const { client } = stubClient({ api: () => json({ data: [account] }) });
    expect(await client.customers.accounts({ customerId: "1001" })).toEqual([account]);
  });
});

describe("a transactions answer without the paged envelope", () => {
  test("a bare array fails on the first page, naming what it expected, and yields nothing", async () => {
    const { client, api } = stubClient({ api: () => json([{ id: "t-1" }]) });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const transaction of client.customers.transactions({ customerId: "1001" })) seen.push(transaction);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toBe(
      'GET /public/v3/customers/1001/transactions returned a page whose "body" is not an object.',
    );
    expect(seen).toEqual([]);
    expect(api()).toHaveLength(1);
  });
});
