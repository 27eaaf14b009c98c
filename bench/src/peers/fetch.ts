/** The floor: the two calls written with the platform's `fetch` and nothing else. */
import {
  ACCESS_TOKEN,
  CONSENT_STATUS_PATH,
  CUSTOMER_TOKEN,
  expectOk,
  INVITATION_REQUEST,
  INVITATIONS_PATH,
  type Peer,
  type PeerOptions,
} from "./fixtures";

export function createPeer({ baseUrl, fetch = globalThis.fetch, signal }: PeerOptions): Peer {
  return {
    async consentStatus() {
      const response = await fetch(`${baseUrl}${CONSENT_STATUS_PATH}`, {
        headers: { Authorization: `AppUserToken ${CUSTOMER_TOKEN}` },
        signal,
      });
      expectOk(response.status, "consentStatus");
      return response.json();
    },
    async createInvitation() {
      const response = await fetch(`${baseUrl}${INVITATIONS_PATH}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${ACCESS_TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify(INVITATION_REQUEST),
        signal,
      });
      expectOk(response.status, "createInvitation");
      return response.json();
    },
  };
}
