import type { operations } from "../generated/schema";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { pathSegment } from "../internal/validate";

export type ConsentStatus = operations["getConsentStatus"]["responses"]["200"]["content"]["application/json"];

/** The customer's consents, as a front end sees them: the customer token comes from the client. */
export class WebflowConsents {
  readonly #loop: Loop;

  constructor(loop: Loop) {
    this.#loop = loop;
  }

  /** The status of the customer's consent for one bank, e.g. `{ bankSlug: "barclays" }`. */
  getStatus(params: { bankSlug: string }, options?: RequestOptions): APIPromise<ConsentStatus> {
    return send(
      this.#loop,
      () => ({
        method: "GET",
        path: "/public/v3/webflow/banks/{bank_slug}/consent/status",
        params: { path: { bank_slug: pathSegment("bankSlug", params?.bankSlug) } },
        auth: "customer",
        safeToRepeat: true,
      }),
      options,
    );
  }
}
