/**
 * The items of a `{ "data": [...] }` list answer. Planky's pages show that envelope for Get Customers, Get Banks and
 * Get Balances, but not for Get Accounts, whose page lists item fields only: the spec infers it there. If an answer
 * has no `data` array, the call fails with an `InvalidResponseError` saying what was expected, instead of resolving
 * with `undefined` typed as a list.
 */
import { isRecord } from "../errors";
import type { InvalidBody } from "./request";

export function listData<Item>(
  body: { data: Item[] },
  invalid: InvalidBody,
  /** The operation, and whether Planky's page shows the envelope or the spec infers it. */
  envelope: { operationId: string; inferred: boolean },
): Item[] {
  const data: unknown = isRecord(body) ? body.data : undefined;
  if (Array.isArray(data)) return data as Item[];
  const got = Array.isArray(body) ? "a bare array" : isRecord(body) ? 'an object without a "data" array' : typeof body;
  const source = envelope.inferred ? "the spec's inference; Planky's page shows none" : "as Planky's page shows";
  return invalid(`returned ${got}; ${envelope.operationId} expects { "data": [...] } (${source}).`);
}
