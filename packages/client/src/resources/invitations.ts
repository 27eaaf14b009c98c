import type { ClientContext } from "../context";
import type { operations } from "../generated/schema";
import type { RequestOptions } from "../transport";
import { jsonObject } from "../validate";

export type CreateInvitationParams = operations["createInvitation"]["requestBody"]["content"]["application/json"];
export type Invitation = operations["createInvitation"]["responses"]["200"]["content"]["application/json"];

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
    return this.#ctx.call<Invitation>(options, (fetch) =>
      this.#ctx.raw.POST("/public/v3/invitations", { body, parseAs: "text", fetch }),
    );
  }
}
