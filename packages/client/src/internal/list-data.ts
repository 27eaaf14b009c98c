/**
 * The items of a `{ "data": [...] }` list answer. Planky's pages show that envelope for Get Customers, Get Banks and
 * Get Balances, but not for Get Accounts, whose page lists item fields only: the spec infers it there. If an answer
 * has no `data` array, the call fails with an `InvalidResponseError` saying what was expected, instead of resolving
 * with `undefined` typed as a list.
 */
import type { InvalidBody } from "./call";

export function listData<Item>(body: { data: Item[] }, invalid: InvalidBody): Item[] {
  return Array.isArray(body?.data) ? body.data : invalid('returned no {"data": [...]} list.');
}
