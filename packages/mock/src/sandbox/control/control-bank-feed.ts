import { json, missing, notFound } from "../http/responses";
import type { SandboxContext } from "../state/context";
import { addTransactions, feedIsLive } from "../world/bank-feed";
import { findConsent } from "../world/consents";
import { advanceClock, clockNow } from "../world/sandbox-clock";
import type { DeliveryOptions } from "../world/webhook-delivery";
import { deliver, webhookPayload } from "../world/webhook-delivery";

/**
 * `POST /_sandbox/transactions {customer_id, bank_slug, count, status}`: `count` new transactions (`Booked`, or
 * `Pending`) at that bank, dated now (the partition's clock), then `REPORT_UPDATED`. Past the consent's `consent_reconfirmation_date` the feed does
 * not update (Planky: "We will not update bank feed data if we do not receive reconfirmation within each 90-day
 * period"): the answer says so, and nothing is added or sent.
 */
export async function addFeedTransactions(
  context: SandboxContext,
  body: Record<string, unknown>,
  delivery: DeliveryOptions,
): Promise<Response> {
  // Checked against the spec: `customer_id` a non-empty string or an integer, `bank_slug` non-empty, `count` 1 to
  // 100,000 (more at once would only make the sandbox slow; add 10,000 and more with several calls).
  const customerId = String(body.customer_id);
  const bankSlug = String(body.bank_slug);
  const count = typeof body.count === "number" ? body.count : 1;
  const status = body.status === "Pending" ? "Pending" : "Booked";
  const partition = context.state.partitionOfCustomer(customerId);
  if (!partition) return missing.customer(customerId);
  const consent = findConsent(partition, customerId, bankSlug);
  if (consent?.status !== "Authorised") {
    return notFound(`Customer ${customerId} has no authorised consent at ${bankSlug}: authorise one first`);
  }
  if (!feedIsLive(partition, consent)) {
    return json(200, {
      added: 0,
      deliveries: [],
      feed: "stopped",
      reason: `consent_reconfirmation_date (${consent.consent_reconfirmation_date}) has passed on the sandbox clock (${clockNow(partition)}): reconfirm the consent (POST …/consent/account/reconfirmation) and the feed updates again`,
    });
  }
  addTransactions(partition, consent, count, status);
  const { payload } = webhookPayload("REPORT_UPDATED", { customer_id: Number(customerId) });
  const deliveries = deliver(partition, payload, delivery);
  await context.save();
  return json(200, { added: count, deliveries, feed: "live" });
}

/**
 * `POST /_sandbox/clock {advance_days, client_id?}` moves the sandbox clock of one partition (or, without
 * `client_id`, of every partition that exists now) forward; `GET /_sandbox/clock?client_id=` reads it.
 */
export async function moveClock(context: SandboxContext, body: Record<string, unknown>, fromQuery: string | undefined) {
  // Checked against the spec: `client_id` a string if given, `advance_days` a number of days from 0 to 3650.
  const clientId = fromQuery ?? (typeof body.client_id === "string" ? body.client_id : undefined);
  const days = Number(body.advance_days);
  const partitions = context.state.partitions().filter((p) => clientId === undefined || p.clientId === clientId);
  if (clientId !== undefined && partitions.length === 0) return notFound(`No partition for client id ${clientId}`);
  for (const partition of partitions) advanceClock(partition, Math.round(days * 24 * 3600));
  await context.save();
  return readClock(context, clientId);
}

export function readClock(context: SandboxContext, clientId: string | undefined): Response {
  const partitions = context.state.partitions().filter((p) => clientId === undefined || p.clientId === clientId);
  return json(200, {
    data: partitions.map((p) => ({
      client_id: p.clientId,
      now: clockNow(p),
      offset_seconds: p.data.clock.offset ?? 0,
    })),
  });
}
