import type { ClientContext } from "../context";
import type { operations } from "../generated/schema";
import type { RequestOptions } from "../transport";
import { jsonObject, pathSegment } from "../validate";

export type CreateCustomerParams = operations["createCustomer"]["requestBody"]["content"]["application/json"];
export type Customer = operations["createCustomer"]["responses"]["200"]["content"]["application/json"];
export type CustomerToken = operations["createCustomerToken"]["responses"]["200"]["content"]["application/json"];

export interface CreateCustomerTokenParams {
  /** The `id` returned by `customers.create()`. */
  customerId: string;
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
}
