/**
 * `customers.consentsDue()`: the bank consents to reconfirm soon, for a daily job that asks customers again.
 *
 * Planky: "To access your customer's account information after 90 days, you must collect consent reconfirmation …
 * We will not update bank feed data if we do not receive reconfirmation within each 90-day period"
 * (https://docs.planky.com/api-reference/v3.0/customer-banking-data/post-bank-consent-reconfirmation); the consent's
 * `consent_reconfirmation_date` is described only as "Consent reconfirmation date"
 * (https://docs.planky.com/api-reference/v3.0/customer-banking-data/get-bank-details).
 * Our reading, not documented: that date is when the consent needs reconfirming. Planky's own example puts it 151
 * days after `creation_date_time`, not 90, so we trust the field rather than compute creation + 90 days. Only
 * `Authorised` consents are listed (our choice: the others give no data to keep), and consents without the field
 * (older snapshots of the page lack it) are not listed.
 */
import { PlankyValidationError } from "./errors";
import type { components } from "./generated/schema";
import { type Loop, type RequestOptions, send } from "./internal/request";
import { jsonObject, nonNegativeInteger, pathSegment } from "./internal/validate";

type CustomerBank = components["schemas"]["CustomerBank"];

export interface ConsentsDueParams {
  /** List consents whose `consent_reconfirmation_date` is at most this many days from now; past dates included. */
  withinDays: number;
  /** Only this customer. Without it and without `customerIds`, every customer (Get customers, unfiltered). */
  customerId?: string;
  /** Only these customers, e.g. read lazily from your own database. */
  customerIds?: Iterable<string> | AsyncIterable<string>;
}

export interface DueConsent {
  customerId: string;
  /** The bank's slug, for `customers.reconfirmConsent({ customerId, bankSlug })`. */
  bankSlug: string;
  /** `consent_reconfirmation_date` (Unix seconds): our reading, the date to reconfirm by. */
  reconfirmBy: number;
  consent: components["schemas"]["AccountConsent"];
}

const DAY = 86_400;

export async function* consentsDue(
  loop: Loop,
  listBanks: (customerId: string) => Promise<CustomerBank[]>,
  params: ConsentsDueParams,
  options?: RequestOptions,
): AsyncGenerator<DueConsent> {
  const { withinDays, customerId, customerIds } = jsonObject("params", params);
  if (withinDays === undefined) throw new PlankyValidationError("withinDays", "expected a whole number >= 0");
  const until = Math.floor(Date.now() / 1000) + nonNegativeInteger("withinDays", withinDays, 0) * DAY;
  for await (const id of customerId !== undefined
    ? [pathSegment("customerId", customerId)]
    : (customerIds ?? everyCustomer(loop, options))) {
    for (const bank of await listBanks(pathSegment("customerIds", id))) {
      for (const consent of bank.account_consents) {
        const date = consent.consent_reconfirmation_date;
        if (consent.status === "Authorised" && typeof date === "number" && date <= until) {
          yield { customerId: id, bankSlug: bank.slug, reconfirmBy: date, consent };
        }
      }
    }
  }
}

/**
 * Every customer's id. Get customers documents no paging (one `{ "data": [...] }` list), so this is one request;
 * with many customers, pass `customerIds` from your own records instead.
 */
async function* everyCustomer(loop: Loop, options: RequestOptions | undefined): AsyncGenerator<string> {
  const customers = await send(
    loop,
    { method: "GET", path: "/public/v3/customers", auth: "bearer", safeToRepeat: true, select: (body) => body.data },
    options,
  );
  for (const customer of customers) yield customer.id;
}
