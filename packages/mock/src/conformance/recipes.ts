/**
 * How the conformance run reaches each operation: the ids and bodies it needs, learnt from earlier answers.
 * Method, path, parameters' places and the credential come from the spec; only what the spec cannot say (which
 * customer, which bank, what test data) is here. An operation of the spec with no recipe is reported as not covered,
 * so a new operation shows up until someone adds a way to reach it.
 */

import type { OperationId } from "../generated/spec";
import { isRecord } from "../is-record";

/** What earlier answers taught the run. Never printed: it holds the tokens. */
export interface RunState {
  /** `conformance-<timestamp>`: the recognisable prefix of everything the run creates. */
  readonly stamp: string;
  accessToken?: string;
  customerToken?: string;
  /** The first customer `listCustomers` returned (read-only runs look at its banks). */
  listedCustomerId?: string;
  /** The customer this run created (`--allow-writes`): the only one it creates a customer token for. */
  ownCustomerId?: string;
  /** A bank of the customer's (server-side list), for `getBankConsent`. */
  customerBankSlug?: string;
  /** A bank from the webflow list, preferring one where the customer has a consent. */
  webflowBankSlug?: string;
}

export interface RequestParts {
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface Recipe {
  /** Creates or deletes something on the server: only run with `--allow-writes`. */
  writes: boolean;
  /** The request, or why it cannot be sent yet (e.g. no customer known). */
  prepare(state: RunState): RequestParts | { skip: string };
  /** Learns ids and tokens from a 2xx body. */
  learn?(state: RunState, body: unknown): void;
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (isRecord(value) ? value : {});
const firstOf = (value: unknown): Json => asObject(Array.isArray(value) ? value[0] : undefined);
const stringOr = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

/** In the order the run tries them: each may need what an earlier one learnt. */
export const recipes: [OperationId, Recipe][] = [
  [
    "listCustomers",
    {
      writes: false,
      prepare: () => ({}),
      // Read-only runs read the first listed customer's banks; a run with writes uses its own customer instead.
      learn: (state, body) => {
        state.listedCustomerId = stringOr(firstOf(asObject(body).data).id);
      },
    },
  ],
  ["listInvitations", { writes: false, prepare: () => ({}) }],
  [
    "createCustomer",
    {
      writes: true,
      prepare: (state) => ({ body: { user_reference: state.stamp } }),
      learn: (state, body) => {
        state.ownCustomerId = stringOr(asObject(body).id);
      },
    },
  ],
  [
    "createCustomerToken",
    {
      writes: true,
      prepare: (state) =>
        state.ownCustomerId
          ? { path: { customer_id: state.ownCustomerId } }
          : { skip: "no customer created by this run" },
      learn: (state, body) => {
        state.customerToken = stringOr(asObject(body).token);
      },
    },
  ],
  [
    "createInvitation",
    {
      writes: true,
      prepare: (state) => ({
        body: { reference: state.stamp, email: `${state.stamp}@example.com`, send_email: false },
      }),
    },
  ],
  [
    "createWebhook",
    {
      writes: true,
      prepare: (state) => ({ body: { url: `https://example.com/${state.stamp}/webhook`, comment: state.stamp } }),
    },
  ],
  [
    "listCustomerBanks",
    {
      writes: false,
      prepare: (state) => {
        const customerId = state.ownCustomerId ?? state.listedCustomerId;
        return customerId ? { path: { customer_id: customerId } } : { skip: "no customer" };
      },
      learn: (state, body) => {
        const data = asObject(body).data;
        const banks: unknown[] = Array.isArray(data) ? data : [];
        const consented = banks
          .map(asObject)
          .find((bank) => Array.isArray(bank.account_consents) && bank.account_consents.length);
        state.customerBankSlug = stringOr((consented ?? firstOf(banks)).slug);
      },
    },
  ],
  [
    "getBankConsent",
    {
      writes: false,
      prepare: (state) => {
        const customerId = state.ownCustomerId ?? state.listedCustomerId;
        return customerId && state.customerBankSlug
          ? { path: { customer_id: customerId, bank_slug: state.customerBankSlug } }
          : { skip: "no bank of a customer" };
      },
    },
  ],
  [
    "listWebflowBanks",
    {
      writes: false,
      prepare: (state): RequestParts | { skip: string } =>
        state.customerToken ? {} : { skip: "no customer token (needs --allow-writes)" },
      learn: (state, body) => {
        const banks = (Array.isArray(body) ? body : []).map(asObject);
        const connected = banks.find((item) => item.connected === true || asObject(item.last_account_consent).status);
        state.webflowBankSlug = stringOr(asObject((connected ?? banks[0])?.bank).slug);
      },
    },
  ],
  ["listAccounts", { writes: false, prepare: someCustomer }],
  ["listBalances", { writes: false, prepare: someCustomer }],
  ["listTransactions", { writes: false, prepare: someCustomer }],
  [
    "reconfirmBankConsent",
    {
      writes: true,
      // Only the run's own customer: reconfirming changes a real customer's consent.
      prepare: (state) =>
        state.ownCustomerId && state.customerBankSlug
          ? { path: { customer_id: state.ownCustomerId, bank_slug: state.customerBankSlug } }
          : { skip: "no bank of a customer created by this run" },
    },
  ],
  ["getConsentStatus", { writes: false, prepare: webflowBank }],
  ["createConsentScreen", { writes: true, prepare: (state) => withBody(webflowBank(state), {}) }],
  [
    "createAllowedRedirectUrl",
    { writes: true, prepare: (state) => ({ body: { url: returnUrl(state), comment: state.stamp } }) },
  ],
  [
    "createBankFlowUrl",
    {
      writes: true,
      prepare: (state) => {
        const parts = webflowBank(state);
        return "skip" in parts ? parts : { ...parts, query: { url: returnUrl(state) } };
      },
    },
  ],
  // Last: it removes the consent the reads above looked at. Only the run's own customer's token reaches it.
  ["deleteConsent", { writes: true, prepare: webflowBank }],
];

/** The run's own customer, else the first listed one: whose data the customer-scoped reads look at. */
function someCustomer(state: RunState): RequestParts | { skip: string } {
  const customerId = state.ownCustomerId ?? state.listedCustomerId;
  return customerId ? { path: { customer_id: customerId } } : { skip: "no customer" };
}

function webflowBank(state: RunState): RequestParts | { skip: string } {
  if (!state.customerToken) return { skip: "no customer token (needs --allow-writes)" };
  if (!state.webflowBankSlug) return { skip: "no bank in the webflow bank list" };
  return { path: { bank_slug: state.webflowBankSlug } };
}

/** Where a bank flow returns to: registered first as an allowed redirect URL when the spec has that operation. */
function returnUrl(state: RunState): string {
  return `https://example.com/${state.stamp}/return`;
}

function withBody(parts: RequestParts | { skip: string }, body: unknown): RequestParts | { skip: string } {
  return "skip" in parts ? parts : { ...parts, body };
}
