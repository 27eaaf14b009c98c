/**
 * Consents and their transitions, shared by the control API and the simulated bank page: a status change delivers
 * the webhooks the sandbox sends for it (a customer's first `Authorised`: `REPORT_AVAILABLE`; `Authorised` →
 * `Revoked`: `ACCOUNT_AUTHORIZATION_LOST` for each account at that bank). Planky documents these webhooks, not when
 * it sends them: this is the sandbox's choice, read from their descriptions.
 */

import { type ConsentStatusValue, type Delivery, type Partition, type StoredConsent, unixNow } from "../state/state";
import { dataOf, startReconfirmationPeriod } from "./bank-feed";
import { type DeliveryOptions, deliver, webhookPayload } from "./webhook-delivery";

/** The permissions in the docs' consent-status example (UK Open Banking codes); Planky documents no fixed list. */
const PERMISSIONS = [
  "ReadAccountsBasic",
  "ReadAccountsDetail",
  "ReadBalances",
  "ReadBeneficiariesBasic",
  "ReadBeneficiariesDetail",
  "ReadDirectDebits",
  "ReadTransactionsCredits",
  "ReadTransactionsDebits",
  "ReadTransactionsDetail",
];
const DAY = 24 * 3600;

export function findConsent(partition: Partition, customerId: string, bankSlug: string): StoredConsent | undefined {
  return partition.values("consents").find((c) => c.customer_id === customerId && c.bank_slug === bankSlug);
}

/** A new consent awaiting authorisation, replacing any earlier one of that customer at that bank. */
export function openConsent(partition: Partition, customerId: string, bankSlug: string): StoredConsent {
  const id = partition.nextId();
  const now = unixNow();
  const consent: StoredConsent = {
    customer_id: customerId,
    bank_slug: bankSlug,
    consent_id: `sandbox-consent-${id}`,
    creation_date_time: now,
    status: "AwaitingAuthorisation",
    status_update_date_time: now,
    permissions: [...PERMISSIONS],
    expiration_date_time: null,
    // "By default Planky tries to pull 5 years of data"; the end is "by default 3 months" on (docs).
    transaction_from_date_time: now - 5 * 365 * DAY,
    transaction_to_date_time: now + 90 * DAY,
  };
  const earlier = findConsent(partition, customerId, bankSlug);
  if (earlier) partition.put("consents", earlier.consent_id, undefined);
  partition.put("consents", consent.consent_id, consent);
  return consent;
}

/** Moves a consent to `status` and delivers the webhooks that implies (in the background); returns the deliveries. */
export function changeConsentStatus(
  partition: Partition,
  consent: StoredConsent,
  status: ConsentStatusValue,
  delivery: DeliveryOptions,
): Delivery[] {
  const previous = consent.status;
  if (previous !== status) {
    consent.status = status;
    consent.status_update_date_time = unixNow();
    if (status === "Authorised") startReconfirmationPeriod(partition, consent);
    partition.put("consents", consent.consent_id, consent);
  }
  const customerNumber = Number(consent.customer_id);
  if (status === "Authorised" && !partition.data.reportsAvailable[consent.customer_id]) {
    partition.put("reportsAvailable", consent.customer_id, true);
    return deliver(partition, webhookPayload("REPORT_AVAILABLE", { customer_id: customerNumber }).payload, delivery);
  }
  if (status === "Revoked" && previous === "Authorised") {
    // One per account the consent covered, with the account's Get Accounts `id` as the number.
    return dataOf(partition, consent).accounts.flatMap((account) => {
      const { payload } = webhookPayload("ACCOUNT_AUTHORIZATION_LOST", {
        customer_id: customerNumber,
        account_id: Number(account.id),
      });
      return deliver(partition, payload, delivery);
    });
  }
  return [];
}

/** The consent as `getConsentStatus` returns it (the spec's `ConsentStatus`). */
export function consentStatusOf(consent: StoredConsent) {
  const { consent_reconfirmation_date: _r, ...status } = accountConsentOf(consent);
  return status;
}

/**
 * The consent as the Bearer endpoints and bank lists return it (the spec's `AccountConsent`), with
 * `consent_reconfirmation_date` once authorised (Get Bank Consent's newer snapshot has it; Get Consent status's
 * page does not, so `consentStatusOf` leaves it out).
 */
export function accountConsentOf(consent: StoredConsent) {
  // `account_id`: kept by state files of versions that gave each consent one pretend account; never sent.
  const stored = consent as StoredConsent & { account_id?: unknown };
  const { customer_id: _c, bank_slug: _b, account_id: _a, flow: _f, authorised_at: _t, ...status } = stored;
  return status;
}
