import type { components } from "../generated/schema";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";

/** One bank of the webflow bank list: the bank, the customer's accounts there, and whether it is connected. */
export type WebflowBank = components["schemas"]["WebflowBank"];

/** The banks a customer can connect, as a front end lists them (customer token). */
export class Banks {
  readonly #loop: Loop;

  /** @internal The client creates its resources; `Loop` is the client's own request machinery. */
  constructor(loop: Loop) {
    this.#loop = loop;
  }

  /** Every bank, with this customer's accounts and last consent at each: where a front end learns the `bankSlug`. */
  list(options?: RequestOptions): APIPromise<WebflowBank[]> {
    return send(
      this.#loop,
      { method: "GET", path: "/public/v3/webflow/banks", auth: "customer", safeToRepeat: true },
      options,
    );
  }
}
