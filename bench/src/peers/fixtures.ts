/** What every peer sends, taken from the spec's examples (see generate-peers.ts). */
import examples from "../../generated/examples.json" with { type: "json" };

export const BANK_SLUG = "barclays";
/** Sent as `Authorization: AppUserToken {token}` (the spec's CustomerTokenResponse example). */
export const CUSTOMER_TOKEN = "9f2c4e7a1b3d48e6a0c5b7d9e1f3a2c4";
/** Sent as `Authorization: Bearer {token}`: a token that is already cached, so no token request is made. */
export const ACCESS_TOKEN = "bench-access-token";
export const INVITATION_REQUEST = examples.invitationRequest;
export const CONSENT_STATUS_PATH = `/public/v3/webflow/banks/${BANK_SLUG}/consent/status`;
export const INVITATIONS_PATH = "/public/v3/invitations";

export interface PeerOptions {
  /** Origin of the local bench server, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** A stub for the no-network CPU run; peers that cannot take one ignore it (and are left out of that run). */
  fetch?: typeof globalThis.fetch;
  /** One long-lived signal to pass to every call (the heap run); only peers marked `passesSignal` honour it. */
  signal?: AbortSignal;
}

/** The two calls, each resolving with the parsed JSON body (or rejecting on a non-2xx status). */
export interface Peer {
  consentStatus(): Promise<unknown>;
  createInvitation(): Promise<unknown>;
}

export function expectOk(status: number, what: string): void {
  if (status < 200 || status > 299) throw new Error(`${what}: HTTP ${status}`);
}
