/**
 * The state `customers.syncTransactions()` hands its caller between calls, as an opaque, versioned string:
 * `pks1.<base64url of JSON>.<hash of that JSON>`. Nothing is kept on the client between calls.
 *
 * Size (measured in `test/unit/transactions-sync.test.ts`): about 35 bytes plus 4/3 of the id's length per
 * transaction whose `booking_date_time` falls in the overlap window, plus under 100 bytes: 46 kB for 1 000
 * transactions with 8-character ids. While a pass is under way it also holds what that pass has seen in the window.
 */
import { PlankyValidationError } from "../errors";
import { hash53 } from "./fingerprint";

/** What the caller holds of one transaction: its fingerprint and its `booking_date_time`. */
export interface SyncEntry {
  fingerprint: string;
  bookedAt: number;
}

export interface SyncState {
  customerId: string;
  /** The window's start: Get Transactions' `booking_date_time_from` for this pass. */
  from: number;
  /** The next page of this pass; 1 starts a new pass. */
  page: number;
  /** `max_per_page` of this pass (page numbers only mean something with the same page size). */
  perPage: number | undefined;
  /** `pages` on this pass' first page: fewer later means items moved up past us, so the pass starts over. */
  pages: number | undefined;
  /** The newest `booking_date_time` seen in this pass (`from` until one is seen). */
  newest: number;
  /** In the caller's copy, in the window, and not (yet) seen in this pass: what is left at the end was removed. */
  known: Map<string, SyncEntry>;
  /** Seen in this pass. */
  seen: Map<string, SyncEntry>;
}

const PREFIX = "pks1";

type Entries = [id: string, fingerprint: string, offset: number][];

function entriesOf(map: Map<string, SyncEntry>, from: number): Entries {
  return [...map].map(([id, entry]) => [id, entry.fingerprint, entry.bookedAt - from]);
}

export function encodeCursor(state: SyncState): string {
  const json = JSON.stringify({
    c: state.customerId,
    f: state.from,
    p: state.page,
    m: state.perPage,
    n: state.pages,
    a: state.newest,
    k: entriesOf(state.known, state.from),
    s: entriesOf(state.seen, state.from),
  });
  const bytes = new TextEncoder().encode(json);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const base64 = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${PREFIX}.${base64}.${hash53(json)}`;
}

/** Reads a cursor back; anything that is not an intact cursor of this customer is a `PlankyValidationError("cursor")`. */
export function decodeCursor(cursor: unknown, customerId: string): SyncState {
  const bad = (problem: string): never => {
    throw new PlankyValidationError("cursor", `${problem}; pass the cursor of the last syncTransactions() call as is`);
  };
  if (typeof cursor !== "string") return bad("expected a string");
  const [prefix, base64, check, ...rest] = cursor.split(".");
  if (prefix !== PREFIX || base64 === undefined || check === undefined || rest.length > 0) {
    return bad(
      prefix?.startsWith("pks") ? "is a cursor of a version this client does not read" : "is not a sync cursor",
    );
  }
  let json: string;
  try {
    const binary = atob(base64.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    json = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return bad("is corrupted (not base64url)");
  }
  if (hash53(json) !== check) return bad("is corrupted (its check does not match)");
  const raw = JSON.parse(json) as Record<string, unknown>;
  if (raw.c !== customerId) return bad("belongs to another customer");
  const int = (value: unknown) => Number.isSafeInteger(value);
  const from = raw.f as number;
  const map = (value: unknown) => {
    if (!Array.isArray(value)) return bad("is corrupted (entries)");
    const entries = new Map<string, SyncEntry>();
    for (const entry of value as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string" || !int(entry[2]))
        return bad("is corrupted (entry)");
      entries.set(entry[0], { fingerprint: entry[1], bookedAt: from + entry[2] });
    }
    return entries;
  };
  if (!int(raw.f) || !int(raw.p) || (raw.p as number) < 1 || !int(raw.a)) return bad("is corrupted (fields)");
  if ((raw.m !== undefined && !int(raw.m)) || (raw.n !== undefined && !int(raw.n))) return bad("is corrupted (fields)");
  return {
    customerId,
    from,
    page: raw.p as number,
    perPage: raw.m as number | undefined,
    pages: raw.n as number | undefined,
    newest: raw.a as number,
    known: map(raw.k),
    seen: map(raw.s),
  };
}
