/**
 * The sandbox's side of the journey to the data: allowed redirect URLs, the 90-day reconfirmation, and the customer's
 * accounts, balances and transactions. Where Planky's docs are silent the choice is the sandbox's, and says so
 * (see the mock README's "Journey to the data").
 */

import { badRequest, missing, notFound, readJsonObject } from "../http/responses";
import type { SandboxContext } from "../state/context";
import type { AllowedRedirectUrl, Partition } from "../state/state";
import { authorisedConsents, dataOf, RECONFIRMATION_SECONDS } from "../world/bank-feed";
import { findConsent } from "../world/consents";
import { clockNow } from "../world/sandbox-clock";
import { DEFAULT_PAGE_SIZE, onePage } from "./paging";
import type { HandlerArgs } from "./routes";

/**
 * Registers a return URL for the bank flow. The sandbox matches a registered URL by its exact text (Planky does not
 * document how it matches), and registering the same text twice answers the first registration's id.
 */
export async function createAllowedRedirectUrl(
  context: SandboxContext,
  request: Request,
  { partition, answer }: HandlerArgs<"createAllowedRedirectUrl">,
) {
  const body = (await readJsonObject(request)) ?? {};
  const url = String(body.url);
  if (!URL.canParse(url)) return badRequest([{ in: "body", field: "url", problem: "must be an absolute URL" }]);
  const known = findAllowedRedirectUrl(partition, url);
  if (known) return answer(200, { allowed_redirect_url_id: Number(known.id) });
  const registered: AllowedRedirectUrl = {
    id: String(partition.nextId()),
    url,
    ...(typeof body.comment === "string" ? { comment: body.comment } : {}),
  };
  partition.put("allowedRedirectUrls", registered.id, registered);
  await context.save();
  return answer(200, { allowed_redirect_url_id: Number(registered.id) });
}

export function findAllowedRedirectUrl(partition: Partition, url: string): AllowedRedirectUrl | undefined {
  return partition.values("allowedRedirectUrls").find((registered) => registered.url === url);
}

/**
 * Records the customer's reconfirmation: the sandbox moves `consent_reconfirmation_date` 90 days on from now (its
 * clock) and the feed updates again. Planky documents `{ "status": true }` and nothing about the date; moving it is
 * the sandbox's reading of "reconfirm every 90 days". Only an authorised consent can be reconfirmed (else 404).
 */
export async function reconfirmBankConsent(
  context: SandboxContext,
  _request: Request,
  { partition, path, customerId, answer }: HandlerArgs<"reconfirmBankConsent">,
) {
  const bankSlug = path.bank_slug;
  const consent = findConsent(partition, customerId, bankSlug);
  if (consent?.status !== "Authorised") {
    return notFound(`Customer ${customerId} has no authorised consent at ${bankSlug} to reconfirm`);
  }
  consent.consent_reconfirmation_date = clockNow(partition) + RECONFIRMATION_SECONDS;
  partition.put("consents", consent.consent_id, consent);
  await context.save();
  return answer(200, { status: true });
}

/** The accounts at every bank with an authorised consent; an empty `data` before the customer shares any. */
export function listAccounts(
  _context: SandboxContext,
  _request: Request,
  { partition, customerId, answer }: HandlerArgs<"listAccounts">,
): Response {
  const consents = consentsOfKnownCustomer(partition, customerId);
  if (consents instanceof Response) return consents;
  return answer(200, { data: consents.flatMap((consent) => dataOf(partition, consent).accounts) });
}

export function listBalances(
  _context: SandboxContext,
  _request: Request,
  { partition, customerId, answer }: HandlerArgs<"listBalances">,
): Response {
  const consents = consentsOfKnownCustomer(partition, customerId);
  if (consents instanceof Response) return consents;
  return answer(200, { data: consents.flatMap((consent) => dataOf(partition, consent).balances) });
}

/**
 * One page of the customer's transactions at every bank with an authorised consent, oldest first (the sandbox's
 * order; Planky does not document one), after the documented filters. The sandbox has no categories with ids, so
 * `category_id` is refused rather than ignored.
 */
export function listTransactions(
  _context: SandboxContext,
  request: Request,
  { partition, customerId, answer }: HandlerArgs<"listTransactions">,
): Response {
  const consents = consentsOfKnownCustomer(partition, customerId);
  if (consents instanceof Response) return consents;
  const query = new URL(request.url).searchParams;
  if (query.has("category_id")) {
    return badRequest([{ in: "query", field: "category_id", problem: "is not supported by the sandbox" }]);
  }
  const page = Number(query.get("page") ?? 1);
  const perPage = Number(query.get("max_per_page") ?? DEFAULT_PAGE_SIZE);
  const from = Number(query.get("booking_date_time_from") ?? 0);
  const to = Number(query.get("booking_date_time_to") ?? Number.POSITIVE_INFINITY);
  const accountType = query.get("account_type");
  const all = consents
    .filter((consent) => !query.has("bank_slug") || consent.bank_slug === query.get("bank_slug"))
    .flatMap((consent) => {
      const { accounts, transactions } = dataOf(partition, consent);
      const numbers = new Set(accounts.filter((a) => !accountType || a.type === accountType).map((a) => a.number));
      return transactions.filter((t) => numbers.has(t.account_number));
    })
    .filter(
      (t) =>
        (!query.has("account_number") || t.account_number === query.get("account_number")) &&
        (!query.has("currency") || t.currency === query.get("currency")) &&
        t.booking_date_time >= from &&
        t.booking_date_time <= to,
    );
  const href = (p: number) => {
    const linked = new URLSearchParams(query);
    linked.set("page", String(p));
    return `/public/v3/customers/${encodeURIComponent(customerId)}/transactions?${linked}`;
  };
  return answer(200, onePage(all, page, perPage, href));
}

function consentsOfKnownCustomer(partition: Partition, customerId: string) {
  if (!partition.customer(customerId)) return missing.customer(customerId);
  return authorisedConsents(partition, customerId);
}
