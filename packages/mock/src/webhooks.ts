/** Webhook payloads from the spec's examples, for testing the code that receives Planky's webhooks. */
import { spec, type WebhookType } from "./generated/spec";
import { isRecord } from "./is-record";
import { deref, examplesOf } from "./operations";
import type { MediaType, OperationObject } from "./spec-document";

/** The spec's JSON body of webhook `type` (its schema and examples). */
export function webhookBody(type: WebhookType): MediaType | undefined {
  // The bundled spec's `webhooks` are path items, whose `post` is an operation (spec-document.ts types them loosely).
  const post = spec.webhooks?.[type]?.post as OperationObject | undefined;
  const body = post?.requestBody ? deref(post.requestBody) : undefined;
  return body?.content?.["application/json"];
}

/** A copy of the spec's example payload for `type`, with `overrides` merged in (e.g. another `customer_id`). */
export function webhookExample(type: WebhookType, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const [first] = examplesOf(webhookBody(type));
  if (!first || !isRecord(first.value)) throw new Error(`The spec has no example object for webhook ${type}`);
  return { ...structuredClone(first.value), ...overrides };
}

/** A `POST` request carrying a webhook payload as Planky would send it (JSON; Planky documents no signature). */
export function webhookRequest(url: string, type: WebhookType, overrides?: Record<string, unknown>): Request {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(webhookExample(type, overrides)),
  });
}
