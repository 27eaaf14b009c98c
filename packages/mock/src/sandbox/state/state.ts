/**
 * Everything the sandbox remembers, as plain JSON, split into one partition per OAuth `client_id`: what one client
 * id creates is invisible to every other, so parallel suites with their own client ids can share one sandbox. Ids
 * come from one counter for the whole sandbox, so a customer id (or consent id) names exactly one partition.
 *
 * Kept in memory, and with `--state` also in a file: see `state-file.ts`.
 */
import { randomBytes } from "node:crypto";

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
  /** Set by `createBankFlowUrl`: where the simulated bank sends the customer back, and the flow's `state`. */
  flow?: { state: string; redirect_url: string };
  /** Set on authorisation (90 days on, by the partition's clock) and moved on by `reconfirmBankConsent`. */
  consent_reconfirmation_date?: number;
  /** When the consent was authorised (the partition's clock): the bank data's history ends there. */
  authorised_at?: number;
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
  /** A copy sent on purpose by a webhook fault (`repeat`): the id of the delivery it repeats. */
  repeat_of?: number;
  /** Held back on purpose by a webhook fault (`delay_ms`), so later deliveries overtake it. */
  delayed_ms?: number;
  delivered_at: number;
}

/**
 * One client id's data. Every collection is an object keyed by an id the sandbox made (never by client input), so a
 * change is one `put(collection, key, value)` and the state file can log it as one line. A new kind of data is a new
 * collection here (and its check in `state-shape.ts`); nothing else in the store changes.
 */
export interface PartitionData {
  /** Access token → its expiry (Unix seconds). */
  accessTokens: Record<string, number>;
  /** Customer id → customer. */
  customers: Record<string, StoredCustomer>;
  /** Customer token → customer id. */
  customerTokens: Record<string, string>;
  /** Invitation id → invitation. */
  invitations: Record<string, Invitation>;
  /** Consent id → consent (at most one per customer and bank). */
  consents: Record<string, StoredConsent>;
  /** Customer id → `true` once that customer has had its first `REPORT_AVAILABLE`. */
  reportsAvailable: Record<string, true>;
  /** Receiver id → webhook receiver. */
  receivers: Record<string, WebhookReceiver>;
  /** Delivery id → delivery. */
  deliveries: Record<string, Delivery>;
  /** Id → a redirect URL registered with `createAllowedRedirectUrl` (only these may be passed to the bank flow). */
  allowedRedirectUrls: Record<string, AllowedRedirectUrl>;
  /** `customer_id:bank_slug` → the updates `POST /_sandbox/transactions` made to that bank feed. */
  feedUpdates: Record<string, FeedUpdates>;
  /** `"offset"` → how far this partition's sandbox clock is ahead of real time, in seconds (`POST /_sandbox/clock`). */
  clock: Record<string, number>;
}

export interface AllowedRedirectUrl {
  id: string;
  url: string;
  comment?: string;
}

export interface FeedUpdates {
  /** The feed's changes in the order they were made (replayed to compute the data: see `world/bank-data.ts`). */
  updates: FeedEvent[];
}

/**
 * One change to a bank feed, made by the control API: `count` new transactions (`Pending` ones with `status`), every
 * Pending transaction booked (`book`), or transactions removed by id (`remove`). `at`: the partition's clock.
 */
export type FeedEvent =
  | { count: number; at: number; status?: "Pending" }
  | { book: true; at: number; keep_ids: boolean }
  | { remove: string[]; at: number };

export type CollectionName = keyof PartitionData;
export type ItemOf<C extends CollectionName> = PartitionData[C][string];

export function emptyPartitionData(): PartitionData {
  return {
    accessTokens: {},
    customers: {},
    customerTokens: {},
    invitations: {},
    consents: {},
    reportsAvailable: {},
    receivers: {},
    deliveries: {},
    allowedRedirectUrls: {},
    feedUpdates: {},
    clock: {},
  };
}

export const COLLECTIONS = Object.keys(emptyPartitionData()) as CollectionName[];

/** Told about every change, in order (the state file logs them). */
export interface ChangeListener {
  put(clientId: string, collection: CollectionName, key: string, value: unknown): void;
  reset(clientId: string | undefined): void;
}

/** One client id's view of the sandbox. Change data only through `put`, so the indexes and the file follow. */
export class Partition {
  readonly #state: SandboxState;

  constructor(
    readonly clientId: string,
    readonly data: PartitionData,
    state: SandboxState,
  ) {
    this.#state = state;
  }

  /** Stores (or, with `undefined`, forgets) one item. Call it again after changing an item in place. */
  put<C extends CollectionName>(collection: C, key: string, value: ItemOf<C> | undefined): void {
    const items = this.data[collection] as Record<string, ItemOf<C>>;
    const before = items[key];
    if (value === undefined) delete items[key];
    else items[key] = value;
    this.#state.indexChange(this, collection, key, before, value);
    this.#state.listener?.put(this.clientId, collection, key, value);
  }

  values<C extends CollectionName>(collection: C): ItemOf<C>[] {
    return Object.values(this.data[collection]) as ItemOf<C>[];
  }

  customer(id: string | undefined): StoredCustomer | undefined {
    return id === undefined ? undefined : this.data.customers[id];
  }

  /** A fresh id from the sandbox-wide counter. */
  nextId(): number {
    return this.#state.nextId();
  }
}

export interface SandboxSnapshot {
  version: 2;
  nextId: number;
  partitions: Record<string, PartitionData>;
}

/**
 * All partitions, and indexes to find the partition of a token or a customer id in constant time (rebuilt from the
 * data, never stored).
 */
export class SandboxState {
  #nextId: number;
  readonly #partitions = new Map<string, Partition>();
  readonly #byAccessToken = new Map<string, Partition>();
  readonly #byCustomerToken = new Map<string, Partition>();
  readonly #byCustomer = new Map<string, Partition>();
  readonly #byConsent = new Map<string, Partition>();
  #lastPrune = 0;
  listener: ChangeListener | undefined;

  constructor(snapshot: SandboxSnapshot = { version: 2, nextId: 1001, partitions: {} }) {
    this.#nextId = snapshot.nextId;
    for (const [clientId, data] of Object.entries(snapshot.partitions)) {
      const partition = new Partition(clientId, data, this);
      this.#partitions.set(clientId, partition);
      this.#indexAll(partition, "add");
    }
  }

  get currentNextId(): number {
    return this.#nextId;
  }

  /** Moves the counter forward (replaying the state file); never backwards. */
  advanceNextId(to: number): void {
    this.#nextId = Math.max(this.#nextId, to);
  }

  nextId(): number {
    this.#nextId += 1;
    return this.#nextId - 1;
  }

  /** The partition of `clientId`, made empty on first use. */
  partition(clientId: string): Partition {
    let partition = this.#partitions.get(clientId);
    if (!partition) {
      partition = new Partition(clientId, emptyPartitionData(), this);
      this.#partitions.set(clientId, partition);
    }
    return partition;
  }

  partitions(): Partition[] {
    return [...this.#partitions.values()];
  }

  /** The partition of a live (unexpired) access token. An expired one is forgotten on the way. */
  partitionOfAccessToken(token: string, now = unixNow()): Partition | undefined {
    const partition = this.#byAccessToken.get(token);
    const expiresAt = partition?.data.accessTokens[token];
    if (!partition || expiresAt === undefined) return undefined;
    if (expiresAt > now) return partition;
    partition.put("accessTokens", token, undefined);
    return undefined;
  }

  partitionOfCustomerToken(token: string): Partition | undefined {
    return this.#byCustomerToken.get(token);
  }

  partitionOfCustomer(customerId: string): Partition | undefined {
    return this.#byCustomer.get(customerId);
  }

  partitionOfConsent(consentId: string): Partition | undefined {
    return this.#byConsent.get(consentId);
  }

  /** Forgets one partition, or (without a client id) everything, ids included. */
  reset(clientId?: string): void {
    if (clientId === undefined) {
      for (const index of [this.#partitions, this.#byAccessToken, this.#byCustomerToken, this.#byCustomer]) {
        index.clear();
      }
      this.#byConsent.clear();
      this.#nextId = 1001;
    } else {
      const partition = this.#partitions.get(clientId);
      if (partition) this.#indexAll(partition, "remove");
      this.#partitions.delete(clientId);
    }
    this.listener?.reset(clientId);
  }

  /**
   * Forgets expired access tokens, at most once a minute (so a token request stays cheap however many tokens
   * were issued); `partitionOfAccessToken` already refuses and forgets an expired token it is shown.
   */
  pruneExpiredTokens(now = unixNow()): void {
    if (now - this.#lastPrune < 60) return;
    this.#lastPrune = now;
    for (const partition of this.#partitions.values()) {
      for (const [token, expiresAt] of Object.entries(partition.data.accessTokens)) {
        if (expiresAt <= now) partition.put("accessTokens", token, undefined);
      }
    }
  }

  snapshot(): SandboxSnapshot {
    const partitions: Record<string, PartitionData> = {};
    for (const [clientId, partition] of this.#partitions) partitions[clientId] = partition.data;
    return { version: 2, nextId: this.#nextId, partitions };
  }

  /** @internal Keeps the indexes in step with one change (called by `Partition.put`). */
  indexChange(partition: Partition, collection: CollectionName, key: string, before: unknown, after: unknown): void {
    const index = this.#indexOf(collection);
    if (!index) return;
    if (after === undefined) {
      if (before !== undefined) index.delete(key);
    } else index.set(key, partition);
  }

  #indexOf(collection: CollectionName): Map<string, Partition> | undefined {
    if (collection === "accessTokens") return this.#byAccessToken;
    if (collection === "customerTokens") return this.#byCustomerToken;
    if (collection === "customers") return this.#byCustomer;
    if (collection === "consents") return this.#byConsent;
    return undefined;
  }

  #indexAll(partition: Partition, how: "add" | "remove"): void {
    for (const collection of COLLECTIONS) {
      const index = this.#indexOf(collection);
      if (!index) continue;
      for (const key of Object.keys(partition.data[collection])) {
        if (how === "add") index.set(key, partition);
        else index.delete(key);
      }
    }
  }
}

/** An unguessable token (hex), for access and customer tokens. */
export function newToken(): string {
  return randomBytes(16).toString("hex");
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
