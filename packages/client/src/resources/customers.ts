import type { ClientContext } from "../context";
import { PlankyValidationError } from "../errors";
import type { operations } from "../generated/schema";
import type { RequestOptions } from "../transport";
import { jsonObject, pathSegment } from "../validate";

export type CreateCustomerParams = operations["createCustomer"]["requestBody"]["content"]["application/json"];
export type Customer = operations["createCustomer"]["responses"]["200"]["content"]["application/json"];
export type CustomerToken = operations["createCustomerToken"]["responses"]["200"]["content"]["application/json"];

/** A bank of one customer, with the customer's consents there (`account_consents`). */
export type CustomerBank =
  operations["listCustomerBanks"]["responses"]["200"]["content"]["application/json"]["data"][number];
/** A customer's consent at one bank, as the server-side (Bearer) endpoints report it. */
export type BankConsent = operations["getBankConsent"]["responses"]["200"]["content"]["application/json"];

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
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /** Registers a customer under your own `user_reference`. Not retried after it may have reached the server. */
  async create(params: CreateCustomerParams, options?: RequestOptions): Promise<Customer> {
    const body = jsonObject("params", params);
    return this.#ctx.call<Customer>(options, (fetch, bodySerializer) =>
      this.#ctx.raw.POST("/public/v3/customers", { body, bodySerializer, parseAs: "stream", fetch }),
    );
  }

  /** Creates the customer token used as `AppUserToken` for the customer-facing (webflow) endpoints. */
  async createToken(params: CreateCustomerTokenParams, options?: RequestOptions): Promise<CustomerToken> {
    const customer_id = pathSegment("customerId", params?.customerId);
    return this.#ctx.call<CustomerToken>(
      options,
      (fetch) =>
        this.#ctx.raw.POST("/public/v3/customers/{customer_id}/token", {
          params: { path: { customer_id } },
          parseAs: "stream",
          fetch,
        }),
      { bodyIsSecret: true },
    );
  }

  /**
   * The customers registered under this `user_reference` (normally none or one). Use it after a `create()` that
   * failed without an answer, to learn whether the customer was created.
   */
  async findByUserReference(params: FindCustomersByUserReferenceParams, options?: RequestOptions): Promise<Customer[]> {
    const userReference = params?.userReference;
    if (typeof userReference !== "string" || userReference === "")
      throw new PlankyValidationError("userReference", "expected a non-empty string");
    const list = await this.#ctx.call<{ data: Customer[] }>(options, (fetch) =>
      this.#ctx.raw.GET("/public/v3/customers", {
        params: { query: { "by-user-reference": userReference } },
        parseAs: "stream",
        fetch,
      }),
    );
    return list.data;
  }

  /** The banks of one customer, each with the customer's consents there: how your server learns the bank slug. */
  async listBanks(params: ListCustomerBanksParams, options?: RequestOptions): Promise<CustomerBank[]> {
    const customer_id = pathSegment("customerId", params?.customerId);
    const list = await this.#ctx.call<{ data: CustomerBank[] }>(options, (fetch) =>
      this.#ctx.raw.GET("/public/v3/customers/{customer_id}/banks", {
        params: { path: { customer_id } },
        parseAs: "stream",
        fetch,
      }),
    );
    return list.data;
  }

  /**
   * The customer's consent at one bank, read with your access token (no customer token needed). Throws
   * `NotFoundError` when there is no consent there yet, which is normal right after an invitation.
   */
  async getBankConsent(params: GetBankConsentParams, options?: RequestOptions): Promise<BankConsent> {
    const customer_id = pathSegment("customerId", params?.customerId);
    const bank_slug = pathSegment("bankSlug", params?.bankSlug);
    return this.#ctx.call<BankConsent>(options, (fetch) =>
      this.#ctx.raw.GET("/public/v3/customers/{customer_id}/bank/{bank_slug}/consent/account", {
        params: { path: { customer_id, bank_slug } },
        parseAs: "stream",
        fetch,
      }),
    );
  }
}
