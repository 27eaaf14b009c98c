import { type ConsentsDueParams, consentsDue, type DueConsent } from "../consents-due";
import { PlankyValidationError } from "../errors";
import type { components } from "../generated/schema";
import { listData } from "../internal/list-data";
import { type PagedList, type PageQuery, pagedList } from "../internal/pagination";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { jsonObject, nonEmptyString, nonNegativeInteger, pathSegment, positiveInteger } from "../internal/validate";
import { type SyncTransactionsParams, syncTransactions, type TransactionsSync } from "../transactions-sync";

// The spec's schema names, for callers who annotate a variable. The methods take their types from the call they
// describe (see `Call`), so a method whose signature disagrees with the spec does not compile.
/** What `customers.create()` sends: your `user_reference`, and optionally the customer's details. */
export type CreateCustomerParams = components["schemas"]["CreateCustomerRequest"];
/** A registered customer: its `id` and your `user_reference`. */
export type Customer = components["schemas"]["Customer"];
/** A customer token for the customer-facing (webflow) endpoints. */
export type CustomerToken = components["schemas"]["CustomerToken"];
/** A bank of one customer, with the customer's consents there (`account_consents`). */
export type CustomerBank = components["schemas"]["CustomerBank"];
/** A customer's consent at one bank, as the server-side (Bearer) endpoints report it. */
export type BankConsent = components["schemas"]["AccountConsent"];

export interface CreateCustomerTokenParams {
  /** The `id` returned by `customers.create()`. */
  customerId: string;
}

export interface FindCustomersByUserReferenceParams {
  /** The `user_reference` you gave `customers.create()`. */
  userReference: string;
}

export interface ListCustomerBanksParams {
  /** The `id` returned by `customers.create()`. */
  customerId: string;
}

export interface GetBankConsentParams {
  /** The `id` returned by `customers.create()`. */
  customerId: string;
  /** The bank's slug, e.g. `"barclays"` (from `customers.listBanks()`). */
  bankSlug: string;
}

/** The answer of the 90-day reconfirmation: `{ status: true }` in Planky's example. */
export type ConsentReconfirmation = components["schemas"]["ReconfirmationStatus"];
/** One of the customer's bank accounts (Get Accounts). */
export type Account = components["schemas"]["Account"];
/** One balance of one of the customer's accounts (Get Balances). */
export type Balance = components["schemas"]["Balance"];
/** One page of `GET /public/v3/customers/{customer_id}/transactions`. */
export type TransactionPage = components["schemas"]["TransactionList"];
/** One transaction of one of the customer's accounts (Get Transactions). */
export type Transaction = TransactionPage["data"][number];

export interface ReconfirmConsentParams {
  /** The `id` returned by `customers.create()`. */
  customerId: string;
  /** The bank's slug, e.g. `"barclays"` (from `customers.listBanks()`). */
  bankSlug: string;
}

export interface CustomerDataParams {
  /** The `id` returned by `customers.create()`. */
  customerId: string;
}

/** Get Transactions' documented filters, in camelCase; each is sent as Planky's query parameter. */
export interface ListTransactionsParams {
  /** The `id` returned by `customers.create()`. */
  customerId: string;
  /** Items per page, sent as `max_per_page` ("1000 by default"). */
  maxPerPage?: number;
  /** Only this bank's transactions (`bank_slug`). */
  bankSlug?: string;
  /** Only this account's transactions (`account_number`). */
  accountNumber?: string;
  /** Only `Personal` or only `Business` accounts (`account_type`). */
  accountType?: "Personal" | "Business";
  /** Only this category (`category_id`). */
  categoryId?: string;
  /** Only this currency, ISO 4217 (`currency`). */
  currency?: string;
  /** Booked at or after this Unix time in seconds (`booking_date_time_from`, inclusive). */
  bookingDateTimeFrom?: number;
  /** Booked at or before this Unix time in seconds (`booking_date_time_to`, inclusive). */
  bookingDateTimeTo?: number;
}

/** The query of the first transactions page, validated field by field (camelCase names in the errors). */
function transactionsQuery(params: ListTransactionsParams): PageQuery {
  const query: PageQuery = {};
  const text = (field: keyof ListTransactionsParams, name: string) => {
    if (params[field] !== undefined) query[name] = nonEmptyString(field, params[field]);
  };
  const time = (field: keyof ListTransactionsParams, name: string) => {
    if (params[field] !== undefined) query[name] = String(nonNegativeInteger(field, params[field], 0));
  };
  if (params.maxPerPage !== undefined) query.max_per_page = String(positiveInteger("maxPerPage", params.maxPerPage));
  text("bankSlug", "bank_slug");
  text("accountNumber", "account_number");
  if (params.accountType !== undefined) {
    if (params.accountType !== "Personal" && params.accountType !== "Business") {
      throw new PlankyValidationError("accountType", 'expected "Personal" or "Business"');
    }
    query.account_type = params.accountType;
  }
  text("categoryId", "category_id");
  text("currency", "currency");
  time("bookingDateTimeFrom", "booking_date_time_from");
  time("bookingDateTimeTo", "booking_date_time_to");
  return query;
}

export class Customers {
  readonly #loop: Loop;

  /** @internal The client creates its resources; `Loop` is the client's own request machinery. */
  constructor(loop: Loop) {
    this.#loop = loop;
  }

  /** Registers a customer under your own `user_reference`. Not retried after it may have reached the server. */
  create(params: CreateCustomerParams, options?: RequestOptions): APIPromise<Customer> {
    return send(
      this.#loop,
      () => ({
        method: "POST",
        path: "/public/v3/customers",
        body: jsonObject("params", params),
        auth: "bearer",
        // Planky documents no idempotency key: a second create could register the customer twice.
        safeToRepeat: false,
      }),
      options,
    );
  }

  /** Creates the customer token used as `AppUserToken` for the customer-facing (webflow) endpoints. */
  createToken(params: CreateCustomerTokenParams, options?: RequestOptions): APIPromise<CustomerToken> {
    return send(
      this.#loop,
      () => ({
        method: "POST",
        path: "/public/v3/customers/{customer_id}/token",
        params: { path: { customer_id: pathSegment("customerId", params?.customerId) } },
        auth: "bearer",
        safeToRepeat: false,
        bodyIsSecret: true,
      }),
      options,
    );
  }

  /**
   * The customers registered under this `user_reference` (normally none or one). Use it after a `create()` that
   * failed without an answer, to learn whether the customer was created.
   */
  findByUserReference(params: FindCustomersByUserReferenceParams, options?: RequestOptions): APIPromise<Customer[]> {
    return send(
      this.#loop,
      () => ({
        method: "GET",
        path: "/public/v3/customers",
        params: { query: { "by-user-reference": nonEmptyString("userReference", params?.userReference) } },
        auth: "bearer",
        safeToRepeat: true,
        select: (body, invalid) => listData(body, invalid),
      }),
      options,
    );
  }

  /**
   * The banks of one customer, each with the customer's consents there (`account_consents`). Our reading: a bank
   * where the customer consented after an invitation appears here with its consent (Planky does not say so).
   */
  listBanks(params: ListCustomerBanksParams, options?: RequestOptions): APIPromise<CustomerBank[]> {
    return send(
      this.#loop,
      () => ({
        method: "GET",
        path: "/public/v3/customers/{customer_id}/banks",
        params: { path: { customer_id: pathSegment("customerId", params?.customerId) } },
        auth: "bearer",
        safeToRepeat: true,
        select: (body, invalid) => listData(body, invalid),
      }),
      options,
    );
  }

  /**
   * The customer's consent at one bank, read with your access token (no customer token needed). Throws
   * `NotFoundError` on a `404`: the spec models "no consent at that bank yet" that way (our reading; Planky does
   * not document the answer), so expect it before the customer has consented.
   */
  getBankConsent(params: GetBankConsentParams, options?: RequestOptions): APIPromise<BankConsent> {
    return send(
      this.#loop,
      () => ({
        method: "GET",
        path: "/public/v3/customers/{customer_id}/bank/{bank_slug}/consent/account",
        params: {
          path: {
            customer_id: pathSegment("customerId", params?.customerId),
            bank_slug: pathSegment("bankSlug", params?.bankSlug),
          },
        },
        auth: "bearer",
        safeToRepeat: true,
      }),
      options,
    );
  }

  /**
   * Reconfirms the customer's consent at one bank. "To access your customer's account information after 90 days,
   * you must collect consent reconfirmation … We will not update bank feed data if we do not receive
   * reconfirmation within each 90-day period." Call it once your customer has agreed again, never on their
   * behalf. `getBankConsent()` gives the consent's `consent_reconfirmation_date` ("Consent reconfirmation date");
   * Planky does not say whether that is the last day (its own example puts it 151 days after the consent's
   * creation), so treating it as the deadline is our reading. Not retried after it may have reached the server.
   */
  reconfirmConsent(params: ReconfirmConsentParams, options?: RequestOptions): APIPromise<ConsentReconfirmation> {
    return send(
      this.#loop,
      () => ({
        method: "POST",
        path: "/public/v3/customers/{customer_id}/bank/{bank_slug}/consent/account/reconfirmation",
        params: {
          path: {
            customer_id: pathSegment("customerId", params?.customerId),
            bank_slug: pathSegment("bankSlug", params?.bankSlug),
          },
        },
        auth: "bearer",
        // Planky does not say whether a second reconfirmation is harmless.
        safeToRepeat: false,
      }),
      options,
    );
  }

  /** The bank accounts the customer shared, at every bank (each names its `bank_slug`). */
  accounts(params: CustomerDataParams, options?: RequestOptions): APIPromise<Account[]> {
    return send(
      this.#loop,
      () => ({
        method: "GET",
        path: "/public/v3/customers/{customer_id}/accounts",
        params: { path: { customer_id: pathSegment("customerId", params?.customerId) } },
        auth: "bearer",
        safeToRepeat: true,
        select: (body, invalid) => listData(body, invalid), // the envelope is the spec's inference here
      }),
      options,
    );
  }

  /** The balances of the customer's accounts (each names its `bank_slug` and `account_number`). */
  balances(params: CustomerDataParams, options?: RequestOptions): APIPromise<Balance[]> {
    return send(
      this.#loop,
      () => ({
        method: "GET",
        path: "/public/v3/customers/{customer_id}/balances",
        params: { path: { customer_id: pathSegment("customerId", params?.customerId) } },
        auth: "bearer",
        safeToRepeat: true,
        select: (body, invalid) => listData(body, invalid),
      }),
      options,
    );
  }

  /**
   * Every transaction of the customer, fetched lazily page by page with one page in memory at a time:
   * `for await (const transaction of planky.customers.transactions({ customerId }))`. `.pages()` yields the pages
   * instead. Each iteration starts again from the first page; `options` apply to every page request. Invalid
   * `params` reject the first step of the iteration, like every other method's promise.
   */
  transactions(params: ListTransactionsParams, options?: RequestOptions): PagedList<Transaction, TransactionPage> {
    return pagedList<Transaction, TransactionPage>(
      this.#loop,
      options,
      "/public/v3/customers/{customer_id}/transactions",
      () => transactionsQuery(jsonObject("params", params)),
      () => ({ customer_id: pathSegment("customerId", params?.customerId) }),
    );
  }

  /**
   * What changed in the customer's transactions since `cursor`, in Plaid's shape: call until `hasMore` is false,
   * apply `added`/`modified`/`removed` by `id`, then store `cursor` for next time. Computed on the client from Get
   * Transactions over an overlap window (see `SyncTransactionsParams.overlapDays`); one page per call.
   */
  syncTransactions(params: SyncTransactionsParams, options?: RequestOptions): Promise<TransactionsSync> {
    return syncTransactions(this.#loop, params, options);
  }

  /**
   * The Authorised bank consents whose `consent_reconfirmation_date` is at most `withinDays` days away (or past), of
   * one customer, of the customers you list, or of every customer. Our reading of the field: see `consentsDue`.
   */
  consentsDue(params: ConsentsDueParams, options?: RequestOptions): AsyncIterable<DueConsent> {
    return consentsDue(this.#loop, (customerId) => this.listBanks({ customerId }, options), params, options);
  }
}
