import type { components } from "../generated/schema";
import { type PagedList, type PageQuery, pagedList } from "../internal/pagination";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { jsonObject, positiveInteger } from "../internal/validate";

/** What `invitations.create()` sends: the customer's `reference`, and how to deliver the link. */
export type CreateInvitationParams = components["schemas"]["CreateInvitationRequest"];
/** An invitation link for one customer. */
export type Invitation = components["schemas"]["Invitation"];
/** One page of `GET /public/v3/invitations`. */
export type InvitationPage = components["schemas"]["InvitationList"];

export interface ListInvitationsParams {
  /**
   * Items per page, sent as `max_per_page`. Planky documents this parameter for Get Transactions, not for this
   * endpoint (see the spec); omit it to use the server's default.
   */
  maxPerPage?: number;
}

export class Invitations {
  readonly #loop: Loop;

  /** @internal The client creates its resources; `Loop` is the client's own request machinery. */
  constructor(loop: Loop) {
    this.#loop = loop;
  }

  /**
   * Creates an invitation link for an existing customer (matched by `reference`). With `send_email: true`
   * Planky emails it; otherwise share `url` yourself. Not retried after it may have reached the server.
   */
  create(params: CreateInvitationParams, options?: RequestOptions): APIPromise<Invitation> {
    return send(
      this.#loop,
      () => ({
        method: "POST",
        path: "/public/v3/invitations",
        body: jsonObject("params", params),
        auth: "bearer",
        // Planky documents no idempotency key: a second create could send a second invitation.
        safeToRepeat: false,
      }),
      options,
    );
  }

  /**
   * All invitations, fetched lazily page by page: `for await (const invitation of planky.invitations.list())`.
   * `list().pages()` yields the pages instead. Each iteration starts again from the first page; `options`
   * (timeout, retries, signal, headers) apply to every page request. Invalid `params` reject the first step of
   * the iteration, like every other method's promise.
   */
  list(params: ListInvitationsParams = {}, options?: RequestOptions): PagedList<Invitation, InvitationPage> {
    const firstQuery = (): PageQuery =>
      params?.maxPerPage === undefined
        ? {}
        : { max_per_page: String(positiveInteger("maxPerPage", params.maxPerPage)) };
    return pagedList<Invitation, InvitationPage>(this.#loop, options, "/public/v3/invitations", firstQuery);
  }
}
