import type { components } from "../generated/schema";
import { type APIPromise, type Loop, type RequestOptions, send } from "../internal/request";
import { jsonObject } from "../internal/validate";

/** What `webhooks.create()` sends: the `url` Planky posts webhooks to. */
export type CreateWebhookParams = components["schemas"]["CreateWebhookRequest"];
/** A registered webhook URL. */
export type Webhook = components["schemas"]["Webhook"];

/** Registering the URL Planky posts webhooks to. Receiving them is `parseWebhook`. */
export class Webhooks {
  readonly #loop: Loop;

  /** @internal The client creates its resources; `Loop` is the client's own request machinery. */
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
