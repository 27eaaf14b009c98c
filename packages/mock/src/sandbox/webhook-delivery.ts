/**
 * Sends webhooks to every registered receiver, as JSON `POST`s shaped by the spec's webhook schemas, and records
 * each delivery with the receiver's status code. Planky documents no signature, headers or retries: none are sent.
 */
import type { WebhookType } from "../generated/spec";
import { spec } from "../generated/spec";
import { deref } from "../operations";
import { type Problem, validateAgainst } from "../schema-validator";
import type { OperationObject, Schema } from "../spec-document";
import { webhookExample } from "../webhooks";
import type { Delivery, Partition } from "./state";
import { unixNow } from "./state";

/** How long one receiver may take to answer before the delivery is recorded as failed. */
const DELIVERY_TIMEOUT_MS = 5_000;

export const WEBHOOK_TYPES = Object.keys(spec.webhooks ?? {}) as WebhookType[];

/** The spec's payload for `type` (its example's `msg`, our ids), or the problems that keep it from being valid. */
export function webhookPayload(
  type: WebhookType,
  fields: Record<string, unknown>,
): { payload: Record<string, unknown>; problems: Problem[] } {
  const payload = webhookExample(type, fields);
  const post = spec.webhooks?.[type]?.post as OperationObject | undefined;
  const body = post?.requestBody ? deref(post.requestBody) : undefined;
  const schema = body?.content?.["application/json"]?.schema as Schema | undefined;
  return { payload, problems: schema ? validateAgainst(schema, payload, "body") : [] };
}

/** Delivers `payload` to each receiver of the partition now (in parallel) and records the deliveries there. */
export async function deliver(partition: Partition, payload: Record<string, unknown>): Promise<Delivery[]> {
  const deliveries = await Promise.all(
    partition.values("receivers").map(async (receiver): Promise<Delivery> => {
      const delivery: Delivery = {
        id: partition.nextId(),
        webhook_type: String(payload.webhook_type),
        receiver_id: receiver.id,
        url: receiver.url,
        payload,
        status: null,
        delivered_at: unixNow(),
      };
      try {
        const response = await fetch(receiver.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        });
        await response.body?.cancel();
        delivery.status = response.status;
      } catch (error) {
        delivery.error =
          error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      }
      return delivery;
    }),
  );
  for (const delivery of deliveries) partition.put("deliveries", String(delivery.id), delivery);
  return deliveries;
}
