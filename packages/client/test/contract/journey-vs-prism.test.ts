/**
 * Contract tests for the journey to the data: the real client against a Prism mock of the spec. A request Prism
 * finds invalid, or a field renamed on one side only, fails here.
 */

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startPrism } from "../../../mock/src/prism-launcher.mjs";
import {
  createPlankyClient,
  InvalidResponseError,
  NotFoundError,
  type PlankyClient,
  type TransactionPage,
} from "../../src/index";
import { example } from "../support/spec";

let prism: Awaited<ReturnType<typeof startPrism>>;
let planky: PlankyClient;
const sent: Request[] = [];

beforeAll(async () => {
  prism = await startPrism();
  planky = createPlankyClient({
    clientId: "client-id",
    clientSecret: "client-secret",
    baseUrl: prism.url,
    maxRetries: 0,
    fetch: (request) => {
      sent.push(request.clone());
      return fetch(request);
    },
  });
});
afterAll(() => prism?.stop());

const lastPath = () => {
  const url = new URL(sent.at(-1)?.url ?? "");
  return `${sent.at(-1)?.method} ${url.pathname}${url.search}`;
};

describe("the journey, through Prism", () => {
  test("allowedRedirectUrls.create() resolves with the docs' example id", async () => {
    const created = await planky.allowedRedirectUrls.create({
      url: "https://app.example.com/planky/return",
      comment: "return page",
    });
    expect(created).toEqual(example("AllowedRedirectUrlFromDocs"));
  });

  test("customers.accounts() and balances() resolve with the examples' data", async () => {
    expect(await planky.customers.accounts({ customerId: "1234" })).toEqual(
      example<{ data: unknown[] }>("AccountsOneCurrentAccount").data,
    );
    expect(await planky.customers.balances({ customerId: "1234" })).toEqual(
      example<{ data: unknown[] }>("BalancesOneBalance").data,
    );
  });

  test("customers.reconfirmConsent() POSTs the reconfirmation and resolves with { status: true }", async () => {
    expect(await planky.customers.reconfirmConsent({ customerId: "1234", bankSlug: "barclays" })).toEqual({
      status: true,
    });
    expect(lastPath()).toBe("POST /public/v3/customers/1234/bank/barclays/consent/account/reconfirmation");
  });

  test("a reconfirmation without a consent (declared 404) is a NotFoundError", async () => {
    const error = await planky.customers
      .reconfirmConsent({ customerId: "1234", bankSlug: "barclays" }, { headers: { Prefer: "code=404" } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  test("customers.transactions() with every documented filter is a valid request; the empty example stops it", async () => {
    const transactions = [];
    const list = planky.customers.transactions(
      {
        customerId: "1234",
        maxPerPage: 1000,
        bankSlug: "barclays",
        accountNumber: "20000012345678",
        accountType: "Personal",
        categoryId: "7",
        currency: "GBP",
        bookingDateTimeFrom: 1553077496,
        bookingDateTimeTo: 1553163896,
      },
      { headers: { Prefer: "example=NoTransactions" } },
    );
    for await (const transaction of list) transactions.push(transaction);
    expect(transactions).toEqual([]);
    expect(new URL(sent.at(-1)?.url ?? "").pathname).toBe("/public/v3/customers/1234/transactions");
  });

  test("walks the spec's single-page example and stops (no next link); .pages() yields it as it is", async () => {
    const pages: TransactionPage[] = [];
    for await (const page of planky.customers.transactions({ customerId: "1234" }).pages()) pages.push(page);
    expect(pages).toEqual([example<TransactionPage>("TransactionsSinglePage")]);
  });

  test("a mock that answers page 1 to every request is caught instead of looping", async () => {
    const error = await (async () => {
      const list = planky.customers.transactions(
        { customerId: "1234" },
        { headers: { Prefer: "example=FirstOfTwoPages" } },
      );
      for await (const _ of list) {
        // walk
      }
    })().catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
  });

  test("Prism refuses page=0 (sent through raw), so the spec's `minimum: 1` on `page` is checked", async () => {
    const { response } = await planky.raw.GET("/public/v3/customers/{customer_id}/transactions", {
      params: { path: { customer_id: "1234" }, query: { page: 0 } },
    });
    expect(response.status).toBe(400);
  });
});
