/**
 * Sends webhooks to every registered receiver, as JSON `POST`s shaped by the spec's webhook schemas, and records
 * each delivery with the receiver's status code. Planky documents no signature, headers or retries: none are sent.
 */
import { hostname, networkInterfaces } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { WebhookType } from "../../generated/spec";
import { spec } from "../../generated/spec";
import { type Problem, validateAgainst } from "../../schema-validator";
import { webhookBody, webhookExample } from "../../webhooks";
import type { Delivery, Partition } from "../state/state";
import { unixNow } from "../state/state";
import type { WebhookFaults } from "../state/webhook-faults";

/** How long one receiver may take to answer before the delivery is recorded as failed (in the background). */
const DELIVERY_TIMEOUT_MS = 5_000;

export const WEBHOOK_TYPES = Object.keys(spec.webhooks ?? {}) as WebhookType[];

/** The spec's payload for `type` (its example's `msg`, our ids), or the problems that keep it from being valid. */
export function webhookPayload(
  type: WebhookType,
  fields: Record<string, unknown>,
): { payload: Record<string, unknown>; problems: Problem[] } {
  const payload = webhookExample(type, fields);
  const schema = webhookBody(type)?.schema;
  return { payload, problems: schema ? validateAgainst(schema, payload, "body") : [] };
}

export interface DeliveryOptions {
  /** The sandbox's own origin: its `/_sandbox/receiver` is answered in-process, any other URL on it is refused. */
  publicUrl: string;
  /** Called when a background delivery has its result (e.g. to save the state). */
  onSettled?: () => void;
  /** The webhook faults armed with `POST /_sandbox/faults/webhooks` (repeat, delay). */
  faults?: WebhookFaults;
}

/** Background deliveries not yet finished, per partition, for `GET /_sandbox/webhooks/deliveries?wait=true`. */
const inFlight = new WeakMap<object, Set<Promise<void>>>();

/**
 * Records one delivery of `payload` per receiver and returns them at once: a receiver never holds up the call that
 * triggered it (a control call, the simulated bank page). The sandbox's own `/_sandbox/receiver` answers in-process,
 * so those deliveries have their status already; others are `pending` until the receiver answers or
 * `DELIVERY_TIMEOUT_MS` passes (see `settled`). A receiver elsewhere on the sandbox's own origin is not called.
 * A webhook fault armed for it adds `repeat` copies per receiver (each its own delivery, `repeat_of` the first) and
 * holds them back `delay_ms` (`delayed_ms`), so deliveries made after it arrive first.
 */
export function deliver(partition: Partition, payload: Record<string, unknown>, options: DeliveryOptions): Delivery[] {
  const fault = options.faults?.take(partition.clientId, String(payload.webhook_type));
  const copies = 1 + (fault?.repeat ?? 0);
  const deliveries = partition.values("receivers").flatMap((receiver) => {
    let first: number | undefined;
    return Array.from({ length: copies }, (): Delivery => {
      const delivery: Delivery = {
        id: partition.nextId(),
        webhook_type: String(payload.webhook_type),
        receiver_id: receiver.id,
        url: receiver.url,
        payload,
        status: null,
        delivered_at: unixNow(),
        ...(first === undefined ? {} : { repeat_of: first }),
        ...(fault?.delay_ms ? { delayed_ms: fault.delay_ms } : {}),
      };
      first ??= delivery.id;
      if (isOwnReceiver(receiver.url, options.publicUrl)) delivery.status = 204;
      else if (pointsAtSandbox(receiver.url, options.publicUrl)) delivery.error = SELF_DELIVERY_REFUSED;
      else {
        delivery.pending = true;
        // Stored again once settled: the partition logs every change (the state file replays them).
        track(
          partition,
          sleep(fault?.delay_ms ?? 0)
            .then(() => send(delivery, payload))
            .then(() => {
              partition.put("deliveries", String(delivery.id), delivery);
              options.onSettled?.();
            }),
        );
      }
      return delivery;
    });
  });
  for (const delivery of deliveries) partition.put("deliveries", String(delivery.id), delivery);
  return deliveries;
}

/** Resolves when every delivery to the partition's receivers started so far has its result. */
export async function settled(partition: Partition): Promise<void> {
  const pending = inFlight.get(partition);
  while (pending && pending.size > 0) await Promise.all([...pending]);
}

function track(partition: Partition, delivery: Promise<void>): void {
  const pending = inFlight.get(partition) ?? new Set();
  inFlight.set(partition, pending);
  pending.add(delivery);
  void delivery.finally(() => pending.delete(delivery));
}

async function send(delivery: Delivery, payload: Record<string, unknown>): Promise<void> {
  try {
    const response = await fetch(delivery.url, {
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
  } finally {
    delete delivery.pending;
  }
}

const SELF_DELIVERY_REFUSED = "not sent: the URL points at the sandbox itself";
const OWN_RECEIVER_PATH = "/_sandbox/receiver";

/** The sandbox's built-in receiver (`POST /_sandbox/receiver`, 204 to anything). */
export function isOwnReceiver(url: string, publicUrl: string): boolean {
  return pointsAtSandbox(url, publicUrl) && new URL(url).pathname.replace(/\/+$/, "") === OWN_RECEIVER_PATH;
}

/**
 * Whether `url` reaches the sandbox's own origin (same port, and a loopback or this machine's address or the
 * sandbox's host name): a receiver there would loop, each delivery triggering the next.
 */
export function pointsAtSandbox(url: string, publicUrl: string): boolean {
  if (!URL.canParse(url) || !URL.canParse(publicUrl)) return false;
  const target = new URL(url);
  const own = new URL(publicUrl);
  if (portOf(target) !== portOf(own)) return false;
  const host = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    host === own.hostname.replace(/^\[|\]$/g, "").toLowerCase() || localHostNames().has(host) || /^127\./.test(host)
  );
}

function portOf(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

function localHostNames(): Set<string> {
  const names = new Set(["localhost", "0.0.0.0", "::", "::1", hostname().toLowerCase()]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) names.add(address.address.toLowerCase());
  }
  return names;
}
