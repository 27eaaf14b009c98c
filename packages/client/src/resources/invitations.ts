import type { ClientContext } from "../context";
import type { operations } from "../generated/schema";
import { type PagedList, type PageQuery, pagedList } from "../pagination";
import type { RequestOptions } from "../transport";
import { jsonObject, positiveInteger } from "../validate";

export type CreateInvitationParams = operations["createInvitation"]["requestBody"]["content"]["application/json"];
export type Invitation = operations["createInvitation"]["responses"]["200"]["content"]["application/json"];
/** One page of `GET /public/v3/invitations`. */
export type InvitationPage = operations["listInvitations"]["responses"]["200"]["content"]["application/json"];

export interface ListInvitationsParams {
  /**
   * Items per page, sent as `max_per_page`. Planky documents this parameter for Get Transactions, not for this
   * endpoint (see the spec); omit it to use the server's default.
   */
  maxPerPage?: number;
}

type ListQuery = NonNullable<operations["listInvitations"]["parameters"]["query"]>;
const LIST_PATH = "/public/v3/invitations";

export class Invitations {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /**
   * Creates an invitation link for an existing customer (matched by `reference`). With `send_email: true`
   * Planky emails it; otherwise share `url` yourself. Not retried after it may have reached the server.
   */
  async create(params: CreateInvitationParams, options?: RequestOptions): Promise<Invitation> {
    const body = jsonObject("params", params);
    return this.#ctx.call<Invitation>(options, (fetch, bodySerializer) =>
      this.#ctx.raw.POST("/public/v3/invitations", { body, bodySerializer, parseAs: "stream", fetch }),
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
    return pagedList<Invitation, InvitationPage>(this.#ctx, options, LIST_PATH, firstQuery, (query, fetch) =>
      // The query values are strings (a next link's query is passed on verbatim); the URL is the same either way.
      this.#ctx.raw.GET(LIST_PATH, { params: { query: query as ListQuery }, parseAs: "stream", fetch }),
    );
  }
}
