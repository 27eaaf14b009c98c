import type { operations } from "../generated/schema";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { jsonObject } from "../internal/validate";

export type CreateWebhookParams = operations["createWebhook"]["requestBody"]["content"]["application/json"];
export type Webhook = operations["createWebhook"]["responses"]["200"]["content"]["application/json"];

/** Registering the URL Planky posts webhooks to. Receiving them is `parseWebhook`. */
export class Webhooks {
  readonly #loop: Loop;

  constructor(loop: Loop) {
    this.#loop = loop;
  }

  /**
   * Registers `url` for Planky's webhooks. The request has no event-type filter, so (our inference) the URL
   * receives every type. Not retried after it may have reached the server.
   */
  create(params: CreateWebhookParams, options?: RequestOptions): APIPromise<Webhook> {
    return send(
      this.#loop,
      () => ({
        method: "POST",
        path: "/public/v3/webhooks",
        body: jsonObject("params", params),
        auth: "bearer",
        // Planky documents no idempotency key: a second call could register the URL twice.
        safeToRepeat: false,
      }),
      options,
    );
  }
}
