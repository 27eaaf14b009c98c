import { PlankyValidationError } from "../errors";
import type { components } from "../generated/schema";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { absoluteUrl, jsonObject } from "../internal/validate";

/** What `allowedRedirectUrls.create()` sends: the `url`, and optionally a `comment`. */
export type CreateAllowedRedirectUrlParams = components["schemas"]["CreateAllowedRedirectUrlRequest"];
/** The registered URL's id. */
export type AllowedRedirectUrl = components["schemas"]["AllowedRedirectUrl"];

export class AllowedRedirectUrls {
  readonly #loop: Loop;

  /** @internal The client creates its resources; `Loop` is the client's own request machinery. */
  constructor(loop: Loop) {
    this.#loop = loop;
  }

  /**
   * Registers a URL Planky may send the customer back to after their bank ("For security reasons you need to
   * register all the URLs that we are allowed to redirect the customer back"). Register every `url` you pass to
   * the webflow client's `consents.createBankFlowUrl()`, once, from your server. Planky documents no list or delete
   * for these. Not retried after it may have reached the server.
   */
  create(params: CreateAllowedRedirectUrlParams, options?: RequestOptions): APIPromise<AllowedRedirectUrl> {
    return send(
      this.#loop,
      () => {
        const { url, comment } = jsonObject("params", params);
        if (comment !== undefined && typeof comment !== "string") {
          throw new PlankyValidationError("comment", "expected a string");
        }
        return {
          method: "POST",
          path: "/public/v3/allowed-redirect-urls",
          body: { url: absoluteUrl("url", url), ...(comment !== undefined && { comment }) },
          auth: "bearer",
          // Planky does not say whether registering a URL twice is harmless.
          safeToRepeat: false,
        };
      },
      options,
    );
  }
}
