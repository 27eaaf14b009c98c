/** A hand-written axios client, as many teams have: one instance with a base URL, two methods. */
import axios from "axios";
import {
  ACCESS_TOKEN,
  CONSENT_STATUS_PATH,
  CUSTOMER_TOKEN,
  INVITATION_REQUEST,
  INVITATIONS_PATH,
  type Peer,
  type PeerOptions,
} from "./fixtures";

export function createPeer({ baseUrl, fetch }: PeerOptions): Peer {
  // With a stub (CPU run) axios uses its fetch adapter; otherwise its default Node http adapter.
  const http = axios.create(fetch ? { baseURL: baseUrl, adapter: "fetch", env: { fetch } } : { baseURL: baseUrl });
  return {
    async consentStatus() {
      const response = await http.get(CONSENT_STATUS_PATH, {
        headers: { Authorization: `AppUserToken ${CUSTOMER_TOKEN}` },
      });
      return response.data;
    },
    async createInvitation() {
      const response = await http.post(INVITATIONS_PATH, INVITATION_REQUEST, {
        headers: { Authorization: `Bearer ${ACCESS_TOKEN}` },
      });
      return response.data;
    },
  };
}
