import type { ClientContext } from "../context";
import type { operations } from "../generated/schema";
import type { RequestOptions } from "../transport";
import { jsonObject } from "../validate";

export type CreateWebhookParams = operations["createWebhook"]["requestBody"]["content"]["application/json"];
export type Webhook = operations["createWebhook"]["responses"]["200"]["content"]["application/json"];

/** Registering the URL Planky posts webhooks to. Receiving them is `parseWebhook`. */
export class Webhooks {
  readonly #ctx: ClientContext;

  constructor(ctx: ClientContext) {
    this.#ctx = ctx;
  }

  /** Registers `url` to receive every webhook type. Not retried after it may have reached the server. */
  async create(params: CreateWebhookParams, options?: RequestOptions): Promise<Webhook> {
    const body = jsonObject("params", params);
    return this.#ctx.call<Webhook>(options, (fetch, bodySerializer) =>
      this.#ctx.raw.POST("/public/v3/webhooks", { body, bodySerializer, parseAs: "stream", fetch }),
    );
  }
}
