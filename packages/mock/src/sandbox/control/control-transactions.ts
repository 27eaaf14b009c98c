/**
 * The control calls that change transactions already on a bank feed, so a team can rehearse what duplicates data in
 * a copy kept in sync: `POST /_sandbox/transactions/book` (every Pending transaction of a customer becomes Booked)
 * and `POST /_sandbox/transactions/remove` (transactions disappear). Each changes the feed's log
 * (`world/bank-feed.ts`, kept by `--state`) and then delivers `REPORT_UPDATED`, as adding transactions does.
 */
import { json, missing, notFound } from "../http/responses";
import type { SandboxContext } from "../state/context";
import type { FeedEvent, Partition, StoredConsent } from "../state/state";
import { authorisedConsents, dataOf, feedIsLive, recordFeedEvent } from "../world/bank-feed";
import { clockNow } from "../world/sandbox-clock";
import { type DeliveryOptions, deliver, webhookPayload } from "../world/webhook-delivery";

/**
 * `{ customer_id, keep_ids? }`: books every Pending transaction at every bank where the customer's consent is
 * authorised and its feed live. `booking_date_time` becomes now (sandbox clock). Without `keep_ids: true` each gets a
 * new `id` (the sandbox's default, see the mock README's choices); the answer pairs each Pending id with its Booked
 * one. Nothing to book: nothing changes and no webhook is sent.
 */
export async function bookFeedTransactions(
  context: SandboxContext,
  body: Record<string, unknown>,
  delivery: DeliveryOptions,
): Promise<Response> {
  const customerId = String(body.customer_id);
  const keepIds = body.keep_ids === true;
  const found = feedsOf(context, customerId);
  if (found instanceof Response) return found;
  const { partition, consents } = found;
  const booked: { pending_id: string; id: string }[] = [];
  const stopped: StoredConsent[] = [];
  for (const consent of consents) {
    const pending = dataOf(partition, consent).transactions.filter((t) => t.status === "Pending");
    if (pending.length === 0) continue;
    if (!feedIsLive(partition, consent)) {
      stopped.push(consent);
      continue;
    }
    recordFeedEvent(partition, consent, { book: true, at: clockNow(partition), keep_ids: keepIds });
    // The sandbox's external_transaction_id is kept on booking: it pairs each Pending transaction with its Booked one.
    const after = new Map(dataOf(partition, consent).transactions.map((t) => [t.external_transaction_id, t.id]));
    for (const t of pending) booked.push({ pending_id: t.id, id: after.get(t.external_transaction_id) ?? t.id });
  }
  const deliveries = booked.length > 0 ? reportUpdated(partition, customerId, delivery) : [];
  await context.save();
  return json(200, { booked, keep_ids: keepIds, deliveries, ...feedState(partition, stopped) });
}

/**
 * `{ customer_id, transaction_ids }`: removes those transactions (ids from Get Transactions) from the customer's
 * feeds. An id the customer's feeds do not have is a 404 naming it, and nothing is removed; a feed past its
 * reconfirmation date does not update (`feed: stopped`), as for adding.
 */
export async function removeFeedTransactions(
  context: SandboxContext,
  body: Record<string, unknown>,
  delivery: DeliveryOptions,
): Promise<Response> {
  const customerId = String(body.customer_id);
  // The spec checked it is a list of non-empty strings.
  const ids = [...new Set(Array.isArray(body.transaction_ids) ? body.transaction_ids.map(String) : [])];
  const found = feedsOf(context, customerId);
  if (found instanceof Response) return found;
  const { partition, consents } = found;
  const byConsent = new Map<StoredConsent, string[]>();
  const unknown = new Set(ids);
  for (const consent of consents) {
    const present = new Set(dataOf(partition, consent).transactions.map((t) => t.id));
    const here = ids.filter((id) => present.has(id));
    for (const id of here) unknown.delete(id);
    if (here.length > 0) byConsent.set(consent, here);
  }
  if (unknown.size > 0) {
    return notFound(`Customer ${customerId} has no transaction with id ${[...unknown].join(", ")}`);
  }
  const stopped = [...byConsent.keys()].filter((consent) => !feedIsLive(partition, consent));
  if (stopped.length > 0) return json(200, { removed: 0, deliveries: [], ...feedState(partition, stopped) });
  for (const [consent, here] of byConsent) {
    const event: FeedEvent = { remove: here, at: clockNow(partition) };
    recordFeedEvent(partition, consent, event);
  }
  const deliveries = reportUpdated(partition, customerId, delivery);
  await context.save();
  return json(200, { removed: ids.length, deliveries, feed: "live" });
}

function feedsOf(context: SandboxContext, customerId: string) {
  const partition = context.state.partitionOfCustomer(customerId);
  if (!partition) return missing.customer(customerId);
  const consents = authorisedConsents(partition, customerId);
  if (consents.length === 0) return notFound(`Customer ${customerId} has no authorised consent: authorise one first`);
  return { partition, consents };
}

function reportUpdated(partition: Partition, customerId: string, delivery: DeliveryOptions) {
  const { payload } = webhookPayload("REPORT_UPDATED", { customer_id: Number(customerId) });
  return deliver(partition, payload, delivery);
}

/** `feed: live`, or `stopped` with the banks whose reconfirmation date has passed (those feeds did not change). */
function feedState(partition: Partition, stopped: StoredConsent[]) {
  if (stopped.length === 0) return { feed: "live" };
  const banks = stopped.map((c) => `${c.bank_slug} (${c.consent_reconfirmation_date})`).join(", ");
  return {
    feed: "stopped",
    reason: `consent_reconfirmation_date has passed on the sandbox clock (${clockNow(partition)}) at ${banks}: reconfirm the consent (POST …/consent/account/reconfirmation) and the feed updates again`,
  };
}
