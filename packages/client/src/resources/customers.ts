import type { components } from "../generated/schema";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { jsonObject, nonEmptyString, pathSegment } from "../internal/validate";

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
        // A list answer's items: `{ data: [...] }` → `[...]`.
        select: (body) => body.data,
      }),
      options,
    );
  }

  /** The banks of one customer, each with the customer's consents there: how your server learns the bank slug. */
  listBanks(params: ListCustomerBanksParams, options?: RequestOptions): APIPromise<CustomerBank[]> {
    return send(
      this.#loop,
      () => ({
        method: "GET",
        path: "/public/v3/customers/{customer_id}/banks",
        params: { path: { customer_id: pathSegment("customerId", params?.customerId) } },
        auth: "bearer",
        safeToRepeat: true,
        // A list answer's items: `{ data: [...] }` → `[...]`.
        select: (body) => body.data,
      }),
      options,
    );
  }

  /**
   * The customer's consent at one bank, read with your access token (no customer token needed). Throws
   * `NotFoundError` when there is no consent there yet, which is normal right after an invitation.
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
}
