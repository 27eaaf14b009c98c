import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";

export class Banks {
  readonly #loop: Loop;

  constructor(loop: Loop) {
    this.#loop = loop;
  }

  /** The banks the customer can connect, with the state of their consent for each (webflow, customer token). */
  list(options?: RequestOptions): APIPromise<unknown> {
    return send(
      this.#loop,
      {
        method: "GET",
        path: "/public/v3/webflow/banks/{bank_slug}/consent/status",
        auth: "customer",
        safeToRepeat: true,
      },
      options,
    );
  }
}
