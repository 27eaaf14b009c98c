/**
 * The one bank connection a browser tab has in progress, kept in `sessionStorage` across the trip to the bank: the
 * `state` that proves the return is ours, and which bank and consent it is for. `sessionStorage` (not
 * `localStorage`) because it is per tab and cleared with it: a return in another tab or browser is not ours to
 * finish.
 */

/** The `sessionStorage` key the flow keeps its pending connection under (JSON). */
export const CONNECT_BANK_STORAGE_KEY = "planky-kit:connect-bank";

/** The part of the Web Storage API the flow uses; `sessionStorage` by default. */
export interface ConnectBankStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the flow keeps while the customer is at their bank. */
export interface PendingBankConnection {
  state: string;
  bankSlug: string;
  consentId: string;
  /** When the flow sent the customer to the bank (ms since the epoch, from the flow's `now`). */
  startedAt: number;
}

/** The stored connection, or `undefined` when there is none or what is stored is not ours (never throws on JSON). */
export function readPending(storage: ConnectBankStorage): PendingBankConnection | undefined {
  const text = storage.getItem(CONNECT_BANK_STORAGE_KEY);
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<PendingBankConnection> | null;
    if (
      typeof value?.state === "string" &&
      value.state !== "" &&
      typeof value.bankSlug === "string" &&
      typeof value.consentId === "string" &&
      typeof value.startedAt === "number"
    ) {
      return value as PendingBankConnection;
    }
  } catch {
    // Not JSON: someone else's value under our key; treated as no connection in progress.
  }
  return undefined;
}
