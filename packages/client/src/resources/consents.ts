import type { ClientContext } from "../context";
import type { operations } from "../generated/schema";
import type { RequestOptions } from "../transport";
import { credential, pathSegment } from "../validate";

export type ConsentStatus = operations["getConsentStatus"]["responses"]["200"]["content"]["application/json"];

export interface GetConsentStatusParams {
  /** The bank's slug, e.g. `"barclays"`. */
  bankSlug: string;
  /** The customer token from `customers.createToken()`, without the `AppUserToken ` prefix. */
  customerToken: string;
}

export class Consents {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /** The status of the customer's consent for one bank. Authenticated by the customer token, not the access token. */
  async getStatus(params: GetConsentStatusParams, options?: RequestOptions): Promise<ConsentStatus> {
    const bank_slug = pathSegment("bankSlug", params?.bankSlug);
    const token = credential("customerToken", params?.customerToken, "AppUserToken");
    return this.#ctx.call<ConsentStatus>(options, (fetch) =>
      this.#ctx.raw.GET("/public/v3/webflow/banks/{bank_slug}/consent/status", {
        params: { path: { bank_slug } },
        headers: { Authorization: `AppUserToken ${token}` },
        parseAs: "stream",
        fetch,
      }),
    );
  }
}
