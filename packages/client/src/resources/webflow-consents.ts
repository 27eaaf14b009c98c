import type { components } from "../generated/schema";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { absoluteUrl, jsonObject, pathSegment } from "../internal/validate";

/** The status of a customer's consent at one bank. */
export type ConsentStatus = components["schemas"]["ConsentStatus"];
/** What the consent screen shows: bank and company metadata, and the consent texts. */
export type ConsentScreen = components["schemas"]["ConsentScreen"];
/** Where to send the customer to authorise at their bank. */
export type BankFlowUrl = components["schemas"]["BankFlowUrl"];
/** The answer to a delete; `undefined` when the server answered `204 No Content`. */
export type OperationStatus = components["schemas"]["OperationStatus"];
/** Third parties and purposes of data sharing, to show on the consent screen. */
export type DataSharingDetails = components["schemas"]["DataSharingDetails"];

export interface BankParams {
  /** The bank's slug, e.g. `"barclays"` (from `banks.list()`). */
  bankSlug: string;
}

export interface CreateBankFlowUrlParams extends BankParams, DataSharingDetails {
  /** Where the bank sends the customer back to; register it as an allowed redirect URL with Planky first. */
  url: string;
}

/** The customer's consents, as a front end sees them: the customer token comes from the client. */
export class WebflowConsents {
  readonly #loop: Loop;

  /** @internal The client creates its resources; `Loop` is the client's own request machinery. */
  constructor(loop: Loop) {
    this.#loop = loop;
  }

  /** The status of the customer's consent for one bank, e.g. `{ bankSlug: "barclays" }`. */
  getStatus(params: BankParams, options?: RequestOptions): APIPromise<ConsentStatus> {
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

  /**
   * Deletes the customer's consent for one bank. Resolves with the server's status, or `undefined` on a 204. A
   * retry after a lost answer may meet `NotFoundError`: the consent is gone either way.
   */
  delete(params: BankParams, options?: RequestOptions): APIPromise<OperationStatus | undefined> {
    return send(
      this.#loop,
      () => ({
        method: "DELETE",
        path: "/public/v3/webflow/banks/{bank_slug}/consent/delete",
        params: { path: { bank_slug: pathSegment("bankSlug", params?.bankSlug) } },
        auth: "customer",
        safeToRepeat: true,
        emptyBodyAllowed: true,
      }),
      options,
    );
  }

  /**
   * What to show on your consent screen for one bank (bank and company metadata, consent texts), given the data
   * sharing details to disclose. Not retried after it may have reached the server (Planky documents no
   * idempotency for it).
   */
  createScreen(params: BankParams & DataSharingDetails, options?: RequestOptions): APIPromise<ConsentScreen> {
    return send(
      this.#loop,
      () => {
        const { bankSlug, ...details } = jsonObject("params", params);
        return {
          method: "POST",
          path: "/public/v3/webflow/banks/{bank_slug}/consent",
          params: { path: { bank_slug: pathSegment("bankSlug", bankSlug) } },
          body: details,
          auth: "customer",
          safeToRepeat: false,
        };
      },
      options,
    );
  }

  /**
   * The URL that starts the bank's authorisation flow; the bank sends the customer back to `url`. Not retried
   * after it may have reached the server (Planky documents no idempotency for it).
   */
  createBankFlowUrl(params: CreateBankFlowUrlParams, options?: RequestOptions): APIPromise<BankFlowUrl> {
    return send(
      this.#loop,
      () => {
        const { bankSlug, url, ...details } = jsonObject("params", params);
        return {
          method: "POST",
          path: "/public/v3/webflow/banks/{bank_slug}/redirect",
          params: {
            path: { bank_slug: pathSegment("bankSlug", bankSlug) },
            query: { url: absoluteUrl("url", url) },
          },
          body: details,
          auth: "customer",
          safeToRepeat: false,
        };
      },
      options,
    );
  }
}
