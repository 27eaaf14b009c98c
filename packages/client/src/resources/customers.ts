import type { operations } from "../generated/schema";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { jsonObject, pathSegment } from "../internal/validate";

export type CreateCustomerParams = operations["createCustomer"]["requestBody"]["content"]["application/json"];
export type Customer = operations["createCustomer"]["responses"]["200"]["content"]["application/json"];
export type CustomerToken = operations["createCustomerToken"]["responses"]["200"]["content"]["application/json"];

export interface CreateCustomerTokenParams {
  /** The `id` returned by `customers.create()`. */
  customerId: string;
}

export class Customers {
  readonly #loop: Loop;

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
}
