/** Webhook payloads from the spec's examples, for testing the code that receives Planky's webhooks. */
import { spec, type WebhookType } from "./generated/spec";
import { deref, examplesOf } from "./operations";
import type { OperationObject } from "./spec-document";

/** A copy of the spec's example payload for `type`, with `overrides` merged in (e.g. another `customer_id`). */
export function webhookExample(type: WebhookType, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const item = spec.webhooks?.[type];
  const post = item?.post as OperationObject | undefined;
  const body = post?.requestBody ? deref(post.requestBody) : undefined;
  const [first] = examplesOf(body?.content?.["application/json"]);
  if (!first) throw new Error(`The spec has no example for webhook ${type}`);
  return { ...structuredClone(first.value as Record<string, unknown>), ...overrides };
}

/** A `POST` request carrying a webhook payload as Planky would send it (JSON; Planky documents no signature). */
export function webhookRequest(url: string, type: WebhookType, overrides?: Record<string, unknown>): Request {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(webhookExample(type, overrides)),
  });
}
