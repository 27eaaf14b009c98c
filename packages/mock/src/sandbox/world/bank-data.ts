/**
 * The synthetic bank data behind an authorised consent: accounts, their balances and a transaction history, in the
 * shapes of Planky's Get Accounts, Get Balances and Get Transactions pages (the spec's `Account`, `Balance`,
 * `Transaction`). Everything here is the sandbox's invention, made to look fake on purpose ("Sandbox …" names,
 * sort code 00-00-00): the same customer id and bank always give the same accounts, names and amounts, so a test
 * can pin them; dates are counted back from the moment of authorisation. Nothing is stored: the data is a function
 * of the consent and the feed's updates (`POST /_sandbox/transactions`), computed on demand and cached per version.
 */

import type { FeedEvent } from "../state/state";

/** What the data of one customer at one bank depends on. */
export interface FeedSource {
  customerId: string;
  bankSlug: string;
  /** The bank's place in the sandbox's list, from 1 (`barclays`): part of the accounts' ids. */
  bankNumber: number;
  /** The bank's `type` (Personal, Business, or null for both): the accounts' `type`. */
  bankType: "Personal" | "Business" | null;
  /** When the consent was authorised (Unix seconds): the newest history transaction is a day before. */
  authorisedAt: number;
  /** The feed's changes since, by the control API, in order (sandbox clock, Unix seconds): see `FeedEvent`. */
  updates: FeedEvent[];
}

export interface SandboxAccount {
  id: string;
  currency: "GBP";
  name: string;
  is_authorized: true;
  nickname: string;
  identification: string;
  bank_slug: string;
  type: "Personal" | "Business";
  sub_type: "CurrentAccount" | "Savings" | "CreditCard";
  number: string;
  scheme_name: "UK.OBIE.SortCodeAccountNumber";
}

// A type, not an interface: the spec's Balance allows more properties (an index signature), which only a type
// alias satisfies, and the handlers' answers are checked against the spec's types.
export type SandboxBalance = {
  id: string;
  amount: number;
  currency: "GBP";
  type: "ClosingBooked" | "InterimAvailable";
  bank_slug: string;
  account_number: string;
  date_time: number;
};

export interface SandboxTransaction {
  id: string;
  external_transaction_id: string;
  name: string;
  type: "Credit" | "Debit";
  amount: number;
  /** Required by the spec, whose fields Planky's page does not list: the sandbox sends an empty object. */
  balance: Record<string, never>;
  currency: "GBP";
  status: "Booked" | "Pending";
  bank_slug: string;
  account_number: string;
  category: string;
  category_type: "Income" | "Expense";
  value_date_time: number;
  booking_date_time: number;
}

export interface BankData {
  accounts: SandboxAccount[];
  balances: SandboxBalance[];
  /** Oldest first (the order the sandbox pages them in). */
  transactions: SandboxTransaction[];
}

const DAY = 24 * 3600;
/** How far back the history goes: a year before authorisation (the consent window allows more; a year is enough). */
const HISTORY_DAYS = 365;

/** What a transaction can be: name, category, and the range of its amount in pence (negative: money out). */
const KINDS = [
  { name: "Sandbox Salary Ltd", category: "Salary", min: 150_000, max: 320_000 },
  { name: "Sandbox Grocer", category: "Groceries", min: -9_000, max: -800 },
  { name: "Sandbox Coffee Co", category: "Eating out", min: -900, max: -250 },
  { name: "Sandbox Energy", category: "Bills", min: -14_000, max: -4_000 },
  { name: "Sandbox Rail", category: "Transport", min: -6_500, max: -300 },
  { name: "Sandbox Streaming", category: "Entertainment", min: -1_599, max: -599 },
  { name: "Sandbox Refund", category: "Refunds", min: 300, max: 5_000 },
] as const;

/** A small, fast, seedable generator (mulberry32): the same seed always gives the same sequence. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a seed from text, so customer 1001 at barclays is the same data in every sandbox. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const between = (next: () => number, min: number, max: number) => min + Math.floor(next() * (max - min + 1));
const digits = (next: () => number, count: number) =>
  Array.from({ length: count }, () => String(between(next, 0, 9))).join("");

/**
 * One to three accounts: always a current account; some customers also have savings and a credit card. An account's
 * `id` is numeric text: the customer id, then the bank's number and the account's (one digit each), e.g. `100111`
 * for customer 1001's first account at barclays. So the numeric `account_id` of the sandbox's
 * `ACCOUNT_AUTHORIZATION_*` webhooks is the same number, as its numeric `customer_id` is the customer's id (the
 * sandbox's choice: Planky documents no link between the webhook's `account_id` and Get Accounts' `id`).
 */
function accountsOf(source: FeedSource): SandboxAccount[] {
  const next = random(seedOf(`accounts:${source.customerId}:${source.bankSlug}`));
  const count = between(next, 1, 3);
  const kinds = (["CurrentAccount", "Savings", "CreditCard"] as const).slice(0, count);
  return kinds.map((subType, index) => {
    const number = digits(next, 8);
    const label = { CurrentAccount: "Current Account", Savings: "Saver", CreditCard: "Credit Card" }[subType];
    return {
      id: `${source.customerId}${source.bankNumber}${index + 1}`,
      currency: "GBP",
      name: `Sandbox ${label}`,
      is_authorized: true,
      nickname: `Sandbox ${label} ${number.slice(-4)}`,
      // "the 6 digit Sort Code and 8 digit Account Number (a 14 digit field)"; 00-00-00 is no real bank's.
      identification: `000000${number}`,
      bank_slug: source.bankSlug,
      type: source.bankType ?? "Personal",
      sub_type: subType,
      number,
      scheme_name: "UK.OBIE.SortCodeAccountNumber",
    };
  });
}

/** How many history transactions an account has: from a few dozen to several hundred, so paging is real. */
function historySize(source: FeedSource, account: SandboxAccount): number {
  const next = random(seedOf(`size:${account.id}`));
  const busy = seedOf(`busy:${source.customerId}`) % 2 === 0; // half the customers have a busy current account
  return account.sub_type === "CurrentAccount" && busy ? between(next, 400, 700) : between(next, 30, 120);
}

function transaction(account: SandboxAccount, serial: number, at: number): SandboxTransaction {
  const next = random(seedOf(`tx:${account.id}:${serial}`));
  const kind = KINDS[between(next, 0, KINDS.length - 1)] ?? KINDS[0];
  const pence = between(next, kind.min, kind.max);
  return {
    id: `${account.id}-tx-${serial}`,
    external_transaction_id: `SBX${digits(next, 12)}`,
    name: kind.name,
    type: pence >= 0 ? "Credit" : "Debit",
    amount: pence / 100,
    balance: {},
    currency: "GBP",
    status: "Booked",
    bank_slug: account.bank_slug,
    account_number: account.number,
    category: kind.category,
    category_type: pence >= 0 ? "Income" : "Expense",
    value_date_time: at,
    booking_date_time: at,
  };
}

/**
 * The account's transactions: its history, spread over the year before authorisation, then the feed's changes
 * replayed in order. New transactions go to the accounts in turn (the first update's first transaction to the first
 * account, …). Booking (the sandbox's choice, see the mock README): a Pending transaction becomes `Booked` with
 * `booking_date_time` the moment of booking; with `keep_ids` it keeps its `id`, else it gets a new `id` (a fresh
 * serial, unrelated to the old one, as banks behind GoCardless do) and the Pending one is gone.
 */
function transactionsOf(source: FeedSource, account: SandboxAccount, accountIndex: number): SandboxTransaction[] {
  const size = historySize(source, account);
  const start = source.authorisedAt - HISTORY_DAYS * DAY;
  const byId = new Map<string, SandboxTransaction>();
  for (let serial = 0; serial < size; serial += 1) {
    const t = transaction(account, serial, start + Math.floor(((serial + 0.5) * HISTORY_DAYS * DAY) / size));
    byId.set(t.id, t);
  }
  const accounts = accountCount(source);
  let serial = size;
  let turn = 0;
  for (const event of source.updates) {
    if ("remove" in event) {
      for (const id of event.remove) byId.delete(id);
    } else if ("book" in event) {
      const pending = [...byId.values()].filter((t) => t.status === "Pending");
      for (const t of pending) {
        const booked: SandboxTransaction = { ...t, status: "Booked", booking_date_time: event.at };
        if (!event.keep_ids) {
          byId.delete(t.id);
          booked.id = `${account.id}-tx-${serial++}`;
        }
        byId.set(booked.id, booked);
      }
    } else {
      for (let i = 0; i < event.count; i += 1, turn += 1) {
        if (turn % accounts !== accountIndex) continue;
        const t = transaction(account, serial++, event.at);
        byId.set(t.id, event.status === "Pending" ? { ...t, status: "Pending" } : t);
      }
    }
  }
  return [...byId.values()];
}

const accountCount = (source: FeedSource) => accountsOf(source).length;

/** The current balance is the opening balance plus every transaction: balances and transactions agree. */
function balancesOf(source: FeedSource, account: SandboxAccount, transactions: SandboxTransaction[]): SandboxBalance[] {
  const next = random(seedOf(`opening:${account.id}`));
  const openingPence = account.sub_type === "CreditCard" ? -between(next, 0, 50_000) : between(next, 10_000, 500_000);
  const pence = transactions.reduce((sum, t) => sum + Math.round(t.amount * 100), openingPence);
  const at = Math.max(source.authorisedAt, ...source.updates.map((u) => u.at));
  return (["ClosingBooked", "InterimAvailable"] as const).map((type) => ({
    id: `${account.id}-balance-${type}`,
    amount: pence / 100,
    currency: "GBP",
    type,
    bank_slug: account.bank_slug,
    account_number: account.number,
    date_time: at,
  }));
}

/** The data of one customer at one bank (pure: the same source always gives equal data). */
export function bankData(source: FeedSource): BankData {
  const accounts = accountsOf(source);
  const perAccount = accounts.map((account, index) => transactionsOf(source, account, index));
  return {
    accounts,
    balances: accounts.flatMap((account, index) => balancesOf(source, account, perAccount[index] ?? [])),
    transactions: perAccount
      .flat()
      .sort((a, b) => a.booking_date_time - b.booking_date_time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
