/** The reads a connect-bank screen shows: the bank list, a consent's status, a consent screen's texts. */
import type { ConsentScreen, ConsentStatus, WebflowBank } from "@planky-kit/client/connect-bank";
import { type PlankyRead, useRead } from "./use-read";

/** Every bank, each with `connected` and the customer's accounts there (step 4 of the custom UX flow). */
export function useBanks(): PlankyRead<WebflowBank[]> {
  return useRead("banks", (flow, signal) => flow.banks({ signal }));
}

/** The customer's consent at one bank; nothing is read while `bankSlug` is `undefined`. */
export function useConsentStatus(bankSlug: string | undefined): PlankyRead<ConsentStatus> {
  return useRead(bankSlug, (flow, signal) => flow.status({ bankSlug: bankSlug as string }, { signal }));
}

/**
 * What to show on the consent screen for one bank (step 5), with the provider's `dataSharing`; nothing is read
 * while `bankSlug` is `undefined`.
 */
export function useConsentScreen(bankSlug: string | undefined): PlankyRead<ConsentScreen> {
  return useRead(bankSlug, (flow, signal) => flow.consentScreen({ bankSlug: bankSlug as string }, { signal }));
}
