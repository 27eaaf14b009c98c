/**
 * An in-memory Get Transactions (`GET /public/v3/customers/{id}/transactions`) behind a `fetch` stub: filters by
 * `booking_date_time_from` (inclusive), pages by `page` and `max_per_page` in the envelope the spec infers, in a
 * chosen order. `beforePage` runs before each page is served, to change the data while a sync pages through it.
 */
import type { Transaction } from "../../src/index";

export type Order = "newest-first" | "oldest-first" | "insertion";

export interface FakeTransactions {
  readonly rows: Map<string, Transaction>;
  /** Every request's query, in order. */
  readonly queries: URLSearchParams[];
  beforePage: (() => void) | undefined;
  fetch: (request: Request) => Promise<Response>;
}

export function transaction(id: string, bookedAt: number, fields: Partial<Transaction> = {}): Transaction {
  return {
    id,
    name: `Shop ${id}`,
    amount: -12.5,
    balance: { amount: 100 },
    currency: "GBP",
    status: "Booked",
    bank_slug: "barclays",
    account_number: "12345678 20-00-00",
    value_date_time: bookedAt,
    booking_date_time: bookedAt,
    ...fields,
  };
}

export function fakeTransactions(customerId: string, order: Order = "newest-first"): FakeTransactions {
  const fake: FakeTransactions = {
    rows: new Map(),
    queries: [],
    beforePage: undefined,
    async fetch(request) {
      const url = new URL(request.url);
      if (url.pathname !== `/public/v3/customers/${customerId}/transactions`) {
        return Response.json({ message: "Not found" }, { status: 404 });
      }
      fake.queries.push(url.searchParams);
      fake.beforePage?.();
      const from = Number(url.searchParams.get("booking_date_time_from") ?? 0);
      const perPage = Number(url.searchParams.get("max_per_page") ?? 1000);
      const page = Number(url.searchParams.get("page") ?? 1);
      const rows = [...fake.rows.values()].filter((row) => row.booking_date_time >= from);
      if (order !== "insertion") {
        const sign = order === "newest-first" ? -1 : 1;
        rows.sort((a, b) => sign * (a.booking_date_time - b.booking_date_time) || (a.id < b.id ? -1 : 1));
      }
      const data = rows.slice((page - 1) * perPage, page * perPage);
      return Response.json({ page, pages: Math.ceil(rows.length / perPage), max_per_page: perPage, data });
    },
  };
  return fake;
}
