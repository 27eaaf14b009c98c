/**
 * `customers.syncTransactions()`: what changed in a customer's transactions since the last call, in Plaid's
 * `/transactions/sync` shape (`added`, `modified`, `removed`, `cursor`, `hasMore`). Planky has no sync cursor, so
 * this is computed on the client from Get Transactions.
 *
 * How (our design; Planky documents none of it):
 * - Each sync re-reads the overlap window: every transaction with `booking_date_time` at or after the window's start
 *   (`booking_date_time_from`, inclusive), one page per call. The window starts `overlapDays` (default 30) before
 *   the newest booking seen, never after today, and never moves back. Banks post late; a transaction that appears,
 *   changes or disappears with a booking date before the window's start is not seen, and one whose booking date
 *   moves back before it looks removed.
 * - The cursor holds each window transaction's `id`, a fingerprint of its JSON and its booking time. Same `id`,
 *   other fingerprint (any field changed): `modified`. New `id`: `added`. An `id` the caller holds that the whole pass did not return:
 *   `removed`, reported on the pass' last page.
 * - Matching rule: by `id` only. A Pending transaction later Booked under the same `id` is `modified`; Booked under
 *   a new `id` it is `removed` (old id) and `added` (new id), possibly on different pages of one pass. No fuzzy
 *   matching by amount or name: Plaid notes both may change between the pending and the posted version.
 */
import { InvalidResponseError, isRecord } from "./errors";
import type { components } from "./generated/schema";
import { urlOf } from "./internal/failures";
import { canonicalJson, hash53 } from "./internal/fingerprint";
import { pagedList } from "./internal/pagination";
import type { Loop, RequestOptions } from "./internal/request";
import { decodeCursor, encodeCursor, type SyncState } from "./internal/sync-cursor";
import { jsonObject, nonNegativeInteger, pathSegment, positiveInteger } from "./internal/validate";

// Written as the spec's schema names (not local aliases), so the declarations name only exported types.
type TransactionPage = components["schemas"]["TransactionList"];

export interface SyncTransactionsParams {
  /** The `id` returned by `customers.create()`. */
  customerId: string;
  /** The `cursor` of the previous call; none for the first sync (every transaction is then `added`). */
  cursor?: string;
  /** How far back each sync re-reads, in days before the newest booking seen. Default 30. */
  overlapDays?: number;
  /** Transactions per call (Get Transactions' `max_per_page`, "1000 by default"); applies from the next pass. */
  maxPerPage?: number;
}

/** A transaction that is gone: remove it from your copy. */
export interface RemovedTransaction {
  id: string;
}

export interface TransactionsSync {
  /** New to your copy: insert (or upsert) by `id`. */
  added: components["schemas"]["Transaction"][];
  /** Changed since you got them: replace by `id`. */
  modified: components["schemas"]["Transaction"][];
  /** Gone: delete by `id`. Reported on the last page of a pass (`hasMore: false`). */
  removed: RemovedTransaction[];
  /** Pass it to the next call. Store it only once `hasMore` is false. */
  cursor: string;
  /** Call again at once with `cursor`: the pass is not finished. */
  hasMore: boolean;
}

const DAY = 86_400;

export async function syncTransactions(
  loop: Loop,
  params: SyncTransactionsParams,
  options?: RequestOptions,
): Promise<TransactionsSync> {
  const { cursor, overlapDays, maxPerPage } = jsonObject("params", params);
  const customerId = pathSegment("customerId", params.customerId);
  const overlap = nonNegativeInteger("overlapDays", overlapDays, 30) * DAY;
  const perPage = maxPerPage === undefined ? undefined : positiveInteger("maxPerPage", maxPerPage);
  const state: SyncState =
    cursor === undefined
      ? { customerId, from: 0, page: 1, perPage, pages: undefined, newest: 0, known: new Map(), seen: new Map() }
      : decodeCursor(cursor, customerId);
  if (state.page === 1) state.perPage = perPage;

  const { page, url } = await fetchPage(loop, state, options);
  const result: TransactionsSync = { added: [], modified: [], removed: [], cursor: "", hasMore: true };
  for (const transaction of page.data) {
    if (!isRecord(transaction) || typeof transaction.id !== "string" || !validTime(transaction.booking_date_time)) {
      throw new InvalidResponseError(
        { status: 200, headers: new Headers(), body: page, method: "GET", url },
        `GET ${new URL(url).pathname} returned a transaction without a string "id" and a "booking_date_time".`,
      );
    }
    const entry = { fingerprint: hash53(canonicalJson(transaction)), bookedAt: transaction.booking_date_time };
    const before = state.seen.get(transaction.id) ?? state.known.get(transaction.id);
    state.known.delete(transaction.id);
    state.seen.set(transaction.id, entry);
    if (before === undefined) result.added.push(transaction);
    else if (before.fingerprint !== entry.fingerprint) result.modified.push(transaction);
    state.newest = Math.max(state.newest, entry.bookedAt);
  }
  // Everything seen before the next window's earliest possible start is out of the next sync's reach: forget it now,
  // so a first sync over years of history holds one window, not the history.
  const nextFrom = Math.max(state.from, Math.min(state.newest, Math.floor(Date.now() / 1000)) - overlap);
  for (const [id, entry] of state.seen) if (entry.bookedAt < nextFrom) state.seen.delete(id);

  if (state.pages !== undefined && page.pages < state.pages) {
    // Fewer pages than when the pass began: items moved up and some may have been skipped. Start the pass over;
    // what this pass reported stays in the caller's copy, so it joins `known`.
    for (const [id, entry] of state.seen) state.known.set(id, entry);
    state.seen = new Map();
    Object.assign(state, { page: 1, pages: undefined });
  } else if (page.data.length === 0 || page.page >= page.pages) {
    for (const id of state.known.keys()) result.removed.push({ id });
    state.known = state.seen;
    state.seen = new Map();
    Object.assign(state, { from: nextFrom, page: 1, pages: undefined, newest: nextFrom });
    result.hasMore = false;
  } else {
    state.pages ??= page.pages;
    state.page += 1;
  }
  result.cursor = encodeCursor(state);
  return result;
}

function validTime(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** One page of the window through the client's normal request path (auth, retries, the envelope check). */
async function fetchPage(loop: Loop, state: SyncState, options: RequestOptions | undefined) {
  const query: Record<string, string> = { page: String(state.page) };
  if (state.from > 0) query.booking_date_time_from = String(state.from);
  if (state.perPage !== undefined) query.max_per_page = String(state.perPage);
  const path = { customer_id: state.customerId };
  const listPath = "/public/v3/customers/{customer_id}/transactions";
  const url = urlOf(loop, {
    method: "GET",
    path: listPath,
    params: { path, query },
    auth: "bearer",
    safeToRepeat: true,
  });
  const pages = pagedList<TransactionPage["data"][number], TransactionPage>(
    loop,
    options,
    listPath,
    () => query,
    () => path,
  ).pages();
  for await (const page of pages) {
    // A server that ignores `page` would make every call return page 1 and `hasMore` stay true forever.
    if (page.data.length > 0 && page.page !== state.page) {
      throw new InvalidResponseError(
        { status: 200, headers: new Headers(), body: page, method: "GET", url },
        `GET ${new URL(url).pathname} was asked for page ${state.page} and returned page ${page.page}.`,
      );
    }
    return { page, url };
  }
  throw new Error("unreachable: pagedList yields at least one page");
}
