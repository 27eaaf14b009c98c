/**
 * Everything the sandbox remembers, as plain JSON: in memory by default, or kept in a file (`--state file.json`)
 * so it survives a restart. Ids are counters, so a fresh sandbox always hands out the same ids in the same order.
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";

// The spec's `ConsentStatus` and `Invitation` schemas, as the sandbox stores them (Prism checks every answer).
export const CONSENT_STATUSES = ["Authorised", "AwaitingAuthorisation", "Rejected", "Revoked"] as const;
export type ConsentStatusValue = (typeof CONSENT_STATUSES)[number];

export interface ConsentStatus {
  consent_id: string;
  creation_date_time: number;
  status: ConsentStatusValue;
  status_update_date_time: number;
  permissions: string[];
  expiration_date_time: number | null;
  transaction_from_date_time: number;
  transaction_to_date_time: number;
}

export interface Invitation {
  id: string;
  customer_type: "Individual" | "Business" | null;
  last_name: string | null;
  first_name: string | null;
  company_name: string | null;
  email: string;
  phone: string | null;
  reference: string;
  send_email: boolean;
  created_at: number;
  revoked_at: number | null;
  used_at: number | null;
  expires_in: number;
  url: string;
}

export interface StoredCustomer {
  /** Numeric text, so the webhooks' numeric `customer_id` is the same number. */
  id: string;
  user_reference: string;
}

export interface StoredConsent extends ConsentStatus {
  customer_id: string;
  bank_slug: string;
  /** The bank account the sandbox pretends this consent covers (for `ACCOUNT_AUTHORIZATION_*` webhooks). */
  account_id: number;
  /** Set by `createBankFlowUrl`: where the simulated bank sends the customer back, and the flow's `state`. */
  flow?: { state: string; redirect_url: string };
}

export interface WebhookReceiver {
  /** The spec types a webhook's id as a string. */
  id: string;
  url: string;
  comment?: string;
}

export interface Delivery {
  id: number;
  webhook_type: string;
  receiver_id: string;
  url: string;
  payload: Record<string, unknown>;
  /** The receiver's HTTP status, or `null` when it could not be reached (see `error`). */
  status: number | null;
  error?: string;
  /** Set while the receiver has not answered yet (deliveries run in the background). */
  pending?: true;
  delivered_at: number;
}

export interface SandboxState {
  version: 1;
  nextId: number;
  /** Access tokens issued by the token endpoint, with their expiry (Unix seconds). */
  accessTokens: Record<string, number>;
  customers: StoredCustomer[];
  /** Customer token → customer id. */
  customerTokens: Record<string, string>;
  invitations: Invitation[];
  consents: StoredConsent[];
  /** Customer ids that have had their first `REPORT_AVAILABLE`. */
  reportsAvailable: string[];
  receivers: WebhookReceiver[];
  deliveries: Delivery[];
}

export function emptyState(): SandboxState {
  return {
    version: 1,
    nextId: 1001,
    accessTokens: {},
    customers: [],
    customerTokens: {},
    invitations: [],
    consents: [],
    reportsAvailable: [],
    receivers: [],
    deliveries: [],
  };
}

/** A fresh id from the shared counter. */
export function nextId(state: SandboxState): number {
  state.nextId += 1;
  return state.nextId - 1;
}

/** An unguessable token (hex), for access and customer tokens. */
export function newToken(): string {
  return randomBytes(16).toString("hex");
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** Holds the state and, when given a file, writes it there after every change. */
export class StateStore {
  state: SandboxState;
  readonly #file: string | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(state: SandboxState, file: string | undefined) {
    this.state = state;
    this.#file = file;
  }

  /** Reads `file` when it exists (a missing file starts empty); without a file, state lives in memory only. */
  static async open(file?: string): Promise<StateStore> {
    if (!file) return new StateStore(emptyState(), undefined);
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (text === undefined) return new StateStore(emptyState(), file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${file} is not JSON; pass another --state file or delete this one`);
    }
    if (!parsed || typeof parsed !== "object" || (parsed as { version?: unknown }).version !== 1) {
      throw new Error(`${file} is not a sandbox state file (version 1); pass another --state file or delete it`);
    }
    return new StateStore({ ...emptyState(), ...(parsed as SandboxState) }, file);
  }

  /** Persists the current state (when a file was given); writes are serialized and atomic (write, then rename). */
  save(): Promise<void> {
    const file = this.#file;
    if (!file) return Promise.resolve();
    const snapshot = JSON.stringify(this.state, null, 2);
    this.#writing = this.#writing.then(async () => {
      await writeFile(`${file}.tmp`, snapshot);
      await rename(`${file}.tmp`, file);
    });
    return this.#writing;
  }

  reset(): Promise<void> {
    this.state = emptyState();
    return this.save();
  }
}
