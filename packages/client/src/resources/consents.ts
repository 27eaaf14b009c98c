import type { components } from "../generated/schema";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { credential, pathSegment } from "../internal/validate";

/** The status of a customer's consent at one bank. */
export type ConsentStatus = components["schemas"]["ConsentStatus"];

export interface GetConsentStatusParams {
  /** The bank's slug, e.g. `"barclays"`. */
  bankSlug: string;
  /** The customer token from `customers.createToken()`, without the `AppUserToken ` prefix. */
  customerToken: string;
}

export class Consents {
  readonly #loop: Loop;

  /** @internal The client creates its resources; `Loop` is the client's own request machinery. */
  constructor(loop: Loop) {
    this.#loop = loop;
  }

  /** The status of the customer's consent for one bank. Authenticated by the customer token, not the access token. */
  getStatus(params: GetConsentStatusParams, options?: RequestOptions): APIPromise<ConsentStatus> {
    return send(
      this.#loop,
      () => ({
        method: "GET",
        path: "/public/v3/webflow/banks/{bank_slug}/consent/status",
        params: { path: { bank_slug: pathSegment("bankSlug", params?.bankSlug) } },
        auth: "customer",
        customerToken: credential("customerToken", params?.customerToken, "AppUserToken"),
        safeToRepeat: true,
      }),
      options,
    );
  }
}
