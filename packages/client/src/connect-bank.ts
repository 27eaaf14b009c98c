/**
 * `@planky-kit/client/connect-bank`: the connect-bank screen without the screen. Planky's web component "will be
 * removed on August 30th, 2025" (https://docs.planky.com/sdk/web-component); what replaces it is built from the
 * custom UX flow's calls (https://docs.planky.com/api-reference/v3.0/custom-ux-flow/build-steps/step-4-get-list-of-banks
 * to step 6): bank list → consent screen → bank flow URL → the bank → your return page → the consent's status. This
 * entry runs those steps in a browser, keeps the flow's `state` in `sessionStorage` across the trip to the bank, and
 * hands back every outcome as a value (`kind`), never as a thrown error. Markup and styles are yours.
 */
import type { BankRedirect } from "./bank-redirect";
import { BankRedirectError, BankRedirectStateError, parseBankRedirect } from "./bank-redirect";
import { type ConnectBankFailure, failureOf } from "./connect-bank/failure";
import {
  CONNECT_BANK_STORAGE_KEY,
  type ConnectBankStorage,
  type PendingBankConnection,
  readPending,
} from "./connect-bank/pending-flow";
import { sleep as timerSleep } from "./connect-bank/wait";
import { PlankyError, PlankyValidationError } from "./errors";
import type { WebflowBank } from "./resources/banks";
import type {
  BankFlowUrl,
  ConsentScreen,
  ConsentStatus,
  CreateBankFlowUrlParams,
  DataSharingDetails,
} from "./resources/webflow-consents";

/**
 * The calls the flow makes: a webflow client (`createWebflowClient()`) is one. Named by shape so this entry does
 * not import the client itself (its bundle is yours already, through `@planky-kit/client/webflow`).
 */
export interface ConnectBankClient {
  banks: { list(options?: ConnectBankCallOptions): Promise<WebflowBank[]> };
  consents: {
    getStatus(params: { bankSlug: string }, options?: ConnectBankCallOptions): Promise<ConsentStatus>;
    createScreen(
      params: { bankSlug: string } & DataSharingDetails,
      options?: ConnectBankCallOptions,
    ): Promise<ConsentScreen>;
    createBankFlowUrl(params: CreateBankFlowUrlParams, options?: ConnectBankCallOptions): Promise<BankFlowUrl>;
  };
}

export type { ConnectBankFailure } from "./connect-bank/failure";
export { failureOf } from "./connect-bank/failure";
export type { ConnectBankStorage, PendingBankConnection } from "./connect-bank/pending-flow";
export { CONNECT_BANK_STORAGE_KEY } from "./connect-bank/pending-flow";
export type { components } from "./generated/schema";
// The types this entry's signatures name, so its API is complete on its own; the classes (for `instanceof`) are
// exported by `@planky-kit/client/webflow`, which shares them with this entry.
export type {
  APIConnectionError,
  APIError,
  APIErrorInit,
  APIUserAbortError,
  AuthenticationError,
  BankFlowUrl,
  BankParams,
  BankRedirectError,
  BankRedirectStateError,
  ConsentScreen,
  ConsentStatus,
  CreateBankFlowUrlParams,
  DataSharingDetails,
  PlankyError,
  WebflowBank,
} from "./webflow";

export interface ConnectBankOptions {
  /**
   * Your return page: where the bank sends the customer back. Register it with Planky first
   * (`allowedRedirectUrls.create()`): "you need to register all the URLs that we are allowed to redirect the
   * customer back" (https://docs.friendlyscore.com/api-reference/v3.0/custom-web-flow/overview).
   */
  returnUrl: string;
  /** Told to the customer on the consent screen and sent with the bank flow URL (steps 5 and 6). */
  dataSharing?: DataSharingDetails;
  /** Where the `state` is kept across the trip to the bank. Default: `sessionStorage`, looked up when used. */
  storage?: ConnectBankStorage;
  /** Sends the browser to the bank. Default: `location.assign(url)`. */
  navigate?: (url: string) => void;
  /** Milliseconds between two reads of the consent's status on the return page. Default: 1 000. */
  pollInterval?: number;
  /**
   * How long the return page waits for the consent to leave `AwaitingAuthorisation`, in ms. Default: 30 000. Planky
   * documents no time for it: this bound is ours, so a return page never spins for ever.
   */
  maxWait?: number;
  /** The clock the wait is measured on (ms). Default: `Date.now`. */
  now?: () => number;
  /** The pause between status reads. Default: a timer that `signal` cuts short. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Per-call options: a `signal` stops the call (or the wait) with an `aborted` result. */
export interface ConnectBankCallOptions {
  signal?: AbortSignal;
}

/** A read that succeeded (`data`), or why it did not. */
export type ConnectBankResult<T> = { kind: "ok"; data: T } | ConnectBankFailure;

/** `start()` sent the customer to their bank (`redirect`), or why it could not. */
export type ConnectBankStart =
  | { kind: "redirect"; url: string; bankSlug: string; consentId: string; state: string }
  | ConnectBankFailure;

/**
 * How the trip to the bank ended, as the return page sees it:
 * - `authorised`: the consent's status is `Authorised`.
 * - `refused`: the bank sent the customer back with `status=Success` but the consent settled at `Rejected` or
 *   `Revoked`.
 * - `cancelled`: the bank sent the customer back with `status=Error` ("Error" is everything but the customer sharing
 *   their accounts: Planky does not say whether they cancelled or the bank declined; `message` is Planky's text).
 * - `timeout`: the consent was still `AwaitingAuthorisation` after `maxWait` (`consent` is the last read).
 * - `state-mismatch`: not a return this tab can trust: no connection in progress in this tab
 *   (`no-pending-connection`: opened in another tab, or reloaded after it finished), or a `state` that is missing,
 *   repeated or not the one kept (`different-state`: forged, replayed or mixed up). The kept connection is left
 *   alone, so the real return can still finish it.
 * - `invalid-return`: another documented parameter is missing, repeated or wrong; `field` names it.
 * - or a `ConnectBankFailure` from reading the status (`expired-token`, `network`, `aborted`, …).
 */
export type ConnectBankOutcome =
  | { kind: "authorised"; bankSlug: string; consentId: string; consent: ConsentStatus }
  | { kind: "refused"; bankSlug: string; consentId: string; consent: ConsentStatus }
  | { kind: "cancelled"; bankSlug: string; consentId: string; message?: string }
  | { kind: "timeout"; bankSlug: string; consentId: string; consent: ConsentStatus }
  | {
      kind: "state-mismatch";
      reason: "no-pending-connection" | "different-state";
      error?: BankRedirectStateError;
    }
  | { kind: "invalid-return"; field: string; error: BankRedirectError }
  | ConnectBankFailure;

export interface ConnectBank {
  /** Step 4: every bank, with whether this customer has connected it. */
  banks(options?: ConnectBankCallOptions): Promise<ConnectBankResult<WebflowBank[]>>;
  /** Step 5: what to show on your consent screen for a bank, with `dataSharing` disclosed. */
  consentScreen(
    params: { bankSlug: string },
    options?: ConnectBankCallOptions,
  ): Promise<ConnectBankResult<ConsentScreen>>;
  /** The customer's consent at one bank, read once. */
  status(params: { bankSlug: string }, options?: ConnectBankCallOptions): Promise<ConnectBankResult<ConsentStatus>>;
  /**
   * Step 6 and the trip: creates the bank flow URL, keeps its `state` (under `CONNECT_BANK_STORAGE_KEY`, replacing
   * any earlier connection of this tab), then sends the browser to the bank with `navigate`.
   */
  start(params: { bankSlug: string }, options?: ConnectBankCallOptions): Promise<ConnectBankStart>;
  /**
   * The return page: pass the URL the bank sent the customer back to, exactly as the browser has it
   * (`location.href`, not re-encoded). Checks it against the kept connection, forgets that connection once the
   * return is accepted (a reload cannot finish it twice), then reads the consent's status until it is `Authorised`,
   * `Rejected` or `Revoked` or `maxWait` has passed. Called again with the same URL, it returns the same promise (a
   * component mounted twice does not finish the return twice).
   */
  resume(url: string | URL, options?: ConnectBankCallOptions): Promise<ConnectBankOutcome>;
  /** The connection this tab has in progress, if any (`undefined` when storage is unavailable too). */
  pending(): PendingBankConnection | undefined;
}

function positive(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new PlankyValidationError(field, "expected a finite number of milliseconds, 0 or more");
  }
  return value;
}

/**
 * The connect-bank flow over a webflow client. Throws `PlankyValidationError` (naming the option) for unusable
 * options, at once; after that, nothing it returns throws.
 */
export function createConnectBank(client: ConnectBankClient, options: ConnectBankOptions): ConnectBank {
  if (typeof client?.consents?.createBankFlowUrl !== "function") {
    throw new PlankyValidationError("client", "expected a webflow client (createWebflowClient())");
  }
  try {
    new URL(options?.returnUrl);
  } catch {
    throw new PlankyValidationError("returnUrl", "expected the absolute URL of your return page");
  }
  const { returnUrl, dataSharing } = options;
  const pollInterval = positive("pollInterval", options.pollInterval, 1_000);
  const maxWait = positive("maxWait", options.maxWait, 30_000);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const navigate = options.navigate ?? ((url: string) => globalThis.location.assign(url));
  let resumed: { url: string; outcome: Promise<ConnectBankOutcome> } | undefined;

  /** The storage, looked up when used (so importing this on a server is safe); a browser may throw on access. */
  function storage(): ConnectBankStorage {
    const found = options.storage ?? globalThis.sessionStorage;
    if (!found) throw new PlankyError("No sessionStorage here: pass `storage` (e.g. on a server or in a test)");
    return found;
  }

  async function read<T>(call: () => Promise<T>): Promise<ConnectBankResult<T>> {
    try {
      return { kind: "ok", data: await call() };
    } catch (error) {
      return failureOf(error);
    }
  }

  async function start({ bankSlug }: { bankSlug: string }, { signal }: ConnectBankCallOptions = {}) {
    let kept: ConnectBankStorage;
    try {
      kept = storage();
    } catch (error) {
      return { kind: "storage-unavailable", error } as const;
    }
    const flow = await read(() =>
      client.consents.createBankFlowUrl({ bankSlug, url: returnUrl, ...dataSharing }, { signal }),
    );
    if (flow.kind !== "ok") return flow;
    const { url, state, consent_id: consentId } = flow.data;
    const pending: PendingBankConnection = { state, bankSlug, consentId, startedAt: now() };
    try {
      // Kept before the browser leaves: the return page has nothing else to check the return against.
      kept.setItem(CONNECT_BANK_STORAGE_KEY, JSON.stringify(pending));
    } catch (error) {
      return { kind: "storage-unavailable", error } as const;
    }
    try {
      navigate(url);
    } catch (error) {
      return failureOf(error);
    }
    return { kind: "redirect", url, bankSlug, consentId, state } as const;
  }

  async function settle(redirect: BankRedirect, signal?: AbortSignal): Promise<ConnectBankOutcome> {
    const { bank_slug: bankSlug, consent_id: consentId } = redirect;
    if (redirect.status === "Error") {
      return { kind: "cancelled", bankSlug, consentId, ...(redirect.message && { message: redirect.message }) };
    }
    const since = now();
    for (;;) {
      const read = await status({ bankSlug }, { signal });
      if (read.kind !== "ok") return read;
      const consent = read.data;
      if (consent.status === "Authorised") return { kind: "authorised", bankSlug, consentId, consent };
      if (consent.status === "Rejected" || consent.status === "Revoked") {
        return { kind: "refused", bankSlug, consentId, consent };
      }
      const left = maxWait - (now() - since);
      if (left <= 0) return { kind: "timeout", bankSlug, consentId, consent };
      try {
        await sleep(Math.min(pollInterval, left), signal);
      } catch (error) {
        return failureOf(error);
      }
    }
  }

  async function finish(url: string, signal?: AbortSignal): Promise<ConnectBankOutcome> {
    let kept: ConnectBankStorage;
    let pending: PendingBankConnection | undefined;
    try {
      kept = storage();
      pending = readPending(kept);
    } catch (error) {
      return { kind: "storage-unavailable", error };
    }
    if (!pending) return { kind: "state-mismatch", reason: "no-pending-connection" };
    let redirect: BankRedirect;
    try {
      redirect = parseBankRedirect(url, { state: pending.state });
      // The state matched, so these are ours too; a mismatch means the return was stitched together.
      if (redirect.consent_id !== pending.consentId) throw new BankRedirectError("consent_id", "is not the kept one");
      if (redirect.bank_slug !== pending.bankSlug) throw new BankRedirectError("bank_slug", "is not the kept one");
    } catch (error) {
      if (error instanceof BankRedirectStateError) return { kind: "state-mismatch", reason: "different-state", error };
      if (error instanceof BankRedirectError) return { kind: "invalid-return", field: error.field, error };
      return failureOf(error);
    }
    try {
      kept.removeItem(CONNECT_BANK_STORAGE_KEY);
    } catch {
      // Could read but not remove: the return is still genuine; a reload would find it again and re-read the status.
    }
    return settle(redirect, signal);
  }

  function status({ bankSlug }: { bankSlug: string }, { signal }: ConnectBankCallOptions = {}) {
    return read(() => client.consents.getStatus({ bankSlug }, { signal }));
  }

  return {
    banks: ({ signal } = {}) => read(() => client.banks.list({ signal })),
    consentScreen: ({ bankSlug }, { signal } = {}) =>
      read(() => client.consents.createScreen({ bankSlug, ...dataSharing }, { signal })),
    status,
    start,
    resume(url, { signal } = {}) {
      const href = String(url);
      if (resumed?.url !== href) resumed = { url: href, outcome: finish(href, signal) };
      return resumed.outcome;
    },
    pending() {
      try {
        return readPending(storage());
      } catch {
        return undefined;
      }
    },
  };
}
