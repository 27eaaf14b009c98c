/**
 * The bank feed of one customer at one bank, as the sandbox runs it: what the consent gives access to, whether the
 * feed still updates (Planky: "We will not update bank feed data if we do not receive reconfirmation within each
 * 90-day period"), and the synthetic data it serves (`bank-data.ts`).
 */

import type { FeedEvent, Partition, StoredConsent } from "../state/state";
import { type BankData, bankData, type FeedSource } from "./bank-data";
import { findBank, SANDBOX_BANKS } from "./banks";
import { clockNow } from "./sandbox-clock";

/** Planky: "Consent must be reconfirmed by the end customer every 90 days." */
export const RECONFIRMATION_SECONDS = 90 * 24 * 3600;

const feedKey = (consent: StoredConsent) => `${consent.customer_id}:${consent.bank_slug}`;

/** The consents whose data can be read: Planky "must have an authorized Bank Consent to be able to pull" it. */
export function authorisedConsents(partition: Partition, customerId: string): StoredConsent[] {
  return partition
    .values("consents")
    .filter((c) => c.customer_id === customerId && c.status === "Authorised")
    .sort((a, b) => (a.bank_slug < b.bank_slug ? -1 : a.bank_slug > b.bank_slug ? 1 : 0));
}

/** Starts the feed's 90-day period on authorisation (the sandbox's reading: the docs give no start). */
export function startReconfirmationPeriod(partition: Partition, consent: StoredConsent): void {
  const now = clockNow(partition);
  consent.authorised_at ??= now;
  consent.consent_reconfirmation_date = now + RECONFIRMATION_SECONDS;
}

/** `true` while the feed updates: the consent is authorised and its reconfirmation date has not passed. */
export function feedIsLive(partition: Partition, consent: StoredConsent): boolean {
  return (
    consent.status === "Authorised" &&
    consent.consent_reconfirmation_date !== undefined &&
    clockNow(partition) <= consent.consent_reconfirmation_date
  );
}

/** Records `count` new transactions on the feed (`Booked`, or `Pending`), dated now by the partition's clock. */
export function addTransactions(
  partition: Partition,
  consent: StoredConsent,
  count: number,
  status: "Booked" | "Pending" = "Booked",
): void {
  const at = clockNow(partition);
  recordFeedEvent(partition, consent, status === "Pending" ? { count, at, status } : { count, at });
}

/**
 * Appends one change to the feed's log (one `put`, so `--state` logs it as one line and replays it); the data is
 * recomputed from the log (`dataOf`).
 */
export function recordFeedEvent(partition: Partition, consent: StoredConsent, event: FeedEvent): void {
  const key = feedKey(consent);
  const updates = partition.data.feedUpdates[key]?.updates ?? [];
  partition.put("feedUpdates", key, { updates: [...updates, event] });
}

// The data is computed, not stored; keep the last few results, keyed by everything they depend on.
const cache = new Map<string, BankData>();
const CACHE_SIZE = 32;

/** The synthetic accounts, balances and transactions behind one authorised consent. */
export function dataOf(partition: Partition, consent: StoredConsent): BankData {
  const source: FeedSource = {
    customerId: consent.customer_id,
    bankSlug: consent.bank_slug,
    bankNumber: SANDBOX_BANKS.findIndex((bank) => bank.slug === consent.bank_slug) + 1,
    bankType: findBank(consent.bank_slug)?.type ?? null,
    authorisedAt: consent.authorised_at ?? consent.status_update_date_time,
    updates: partition.data.feedUpdates[feedKey(consent)]?.updates ?? [],
  };
  const key = JSON.stringify(source);
  let data = cache.get(key);
  if (!data) {
    data = bankData(source);
    const oldest = cache.keys().next();
    if (cache.size >= CACHE_SIZE && !oldest.done) cache.delete(oldest.value);
    cache.set(key, data);
  }
  return data;
}
