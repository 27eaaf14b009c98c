/** `undici.request`: Node's lower-level HTTP client (the engine under Node's own `fetch`). Node only. */
import { request } from "undici";
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

export function createPeer({ baseUrl }: PeerOptions): Peer {
  return {
    async consentStatus() {
      const { statusCode, body } = await request(`${baseUrl}${CONSENT_STATUS_PATH}`, {
        headers: { authorization: `AppUserToken ${CUSTOMER_TOKEN}` },
      });
      expectOk(statusCode, "consentStatus");
      return body.json();
    },
    async createInvitation() {
      const { statusCode, body } = await request(`${baseUrl}${INVITATIONS_PATH}`, {
        method: "POST",
        headers: { authorization: `Bearer ${ACCESS_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(INVITATION_REQUEST),
      });
      expectOk(statusCode, "createInvitation");
      return body.json();
    },
  };
}
