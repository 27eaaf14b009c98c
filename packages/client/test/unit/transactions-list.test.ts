/**
 * `planky.customers.transactions()` against a local HTTP server: every page of one customer's transactions, lazily,
 * with the documented filters sent as Planky's query parameters and the customer id in the path.
 */
import { afterEach, describe, expect, test } from "vitest";
import {
  createPlankyClient,
  InvalidResponseError,
  PlankyValidationError,
  type Transaction,
  type TransactionPage,
} from "../../src/index";
import { type Answer, startLocalServer } from "../support/local-server";
import { example } from "../support/spec";

const template = example<TransactionPage>("TransactionsFirstOfTwo").data[0] as Transaction;
const transaction = (id: string): Transaction => ({ ...template, id });
const listPath = (customerId: string) => `/public/v3/customers/${encodeURIComponent(customerId)}/transactions`;

/** Page `n` (1-based) of `pages`, two transactions each, with a `next` link built from `path`. */
function page(n: number, pages: number, path = listPath("1001")): TransactionPage {
  return {
    page: n,
    pages,
    max_per_page: 2,
    data: [transaction(`${n}a`), transaction(`${n}b`)],
    _links: { self: { href: `${path}?page=${n}` }, ...(n < pages && { next: { href: `${path}?page=${n + 1}` } }) },
  };
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function serve(answer: (url: URL, index: number) => Answer) {
  const server = await startLocalServer(answer);
  stop = server.stop;
  const planky = createPlankyClient({ accessToken: "test-token", baseUrl: server.url, initialRetryDelay: 1 });
  return { planky, seen: server.seen };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("customers.transactions()", () => {
  test("walks every page of the customer's transactions, following _links.next under that customer's path", async () => {
    const { planky, seen } = await serve((url) => ({ body: page(Number(url.searchParams.get("page") ?? 1), 3) }));
    const ids = (await collect(planky.customers.transactions({ customerId: "1001" }))).map((t) => t.id);
    expect(ids).toEqual(["1a", "1b", "2a", "2b", "3a", "3b"]);
    expect(seen.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      "GET /public/v3/customers/1001/transactions",
      "GET /public/v3/customers/1001/transactions?page=2",
      "GET /public/v3/customers/1001/transactions?page=3",
    ]);
    expect(seen.every((r) => r.headers.authorization === "Bearer test-token")).toBe(true);
  });

  test("is lazy: stopping after the first item fetches only the first page", async () => {
    const { planky, seen } = await serve((url) => ({ body: page(Number(url.searchParams.get("page") ?? 1), 50) }));
    for await (const item of planky.customers.transactions({ customerId: "1001" })) {
      expect(item.id).toBe("1a");
      break;
    }
    expect(seen).toHaveLength(1);
  });

  test(".pages() yields the pages themselves; without links it asks for page + 1 until page >= pages", async () => {
    const { planky, seen } = await serve((url) => {
      const { _links, ...body } = page(Number(url.searchParams.get("page") ?? 1), 2);
      return { body };
    });
    const pages = await collect(planky.customers.transactions({ customerId: "1001", maxPerPage: 2 }).pages());
    expect(pages.map((p) => [p.page, p.data.length])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(seen.map((r) => r.url.search)).toEqual(["?max_per_page=2", "?max_per_page=2&page=2"]);
  });

  test("sends each documented filter as Planky's query parameter", async () => {
    const { planky, seen } = await serve(() => ({ body: page(1, 1) }));
    await collect(
      planky.customers.transactions({
        customerId: "1001",
        maxPerPage: 500,
        bankSlug: "barclays",
        accountNumber: "20000012345678",
        accountType: "Personal",
        categoryId: "7",
        currency: "GBP",
        bookingDateTimeFrom: 0,
        bookingDateTimeTo: 1700000000,
      }),
    );
    expect(Object.fromEntries(seen[0]?.url.searchParams ?? [])).toEqual({
      max_per_page: "500",
      bank_slug: "barclays",
      account_number: "20000012345678",
      account_type: "Personal",
      category_id: "7",
      currency: "GBP",
      booking_date_time_from: "0",
      booking_date_time_to: "1700000000",
    });
  });

  test("a customer id with a reserved character is percent-encoded, and its next link is still followed", async () => {
    const path = listPath("a/b c");
    const { planky, seen } = await serve((url) => ({
      body: page(Number(url.searchParams.get("page") ?? 1), 2, path),
    }));
    expect(await collect(planky.customers.transactions({ customerId: "a/b c" }))).toHaveLength(4);
    expect(seen.map((r) => r.url.pathname)).toEqual([path, path]);
  });

  test("a next link to another customer's transactions is an InvalidResponseError, never requested", async () => {
    const { planky, seen } = await serve(() => ({ body: page(1, 2, listPath("9999")) }));
    const error = await collect(planky.customers.transactions({ customerId: "1001" })).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain("/public/v3/customers/9999/transactions");
    expect(seen).toHaveLength(1);
  });

  test.each([
    [{ customerId: "" }, "customerId"],
    [{ customerId: "1001", maxPerPage: 0 }, "maxPerPage"],
    [{ customerId: "1001", bankSlug: "" }, "bankSlug"],
    [{ customerId: "1001", accountType: "personal" }, "accountType"],
    [{ customerId: "1001", bookingDateTimeFrom: -1 }, "bookingDateTimeFrom"],
    [{ customerId: "1001", bookingDateTimeTo: 1.5 }, "bookingDateTimeTo"],
  ])(
    "invalid params %j reject the iteration with a PlankyValidationError naming %s, and send nothing",
    async (params, field) => {
      const { planky, seen } = await serve(() => ({ body: page(1, 1) }));
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
      const error = await collect(planky.customers.transactions(params as any)).catch((e) => e);
      expect(error).toBeInstanceOf(PlankyValidationError);
      expect(error.field).toBe(field);
      expect(seen).toHaveLength(0);
    },
  );
});
