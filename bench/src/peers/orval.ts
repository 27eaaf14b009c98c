/** The client `orval` (fetch mode) generates from spec/openapi.yaml. */
import { type CreateInvitationRequest, createInvitation, getConsentStatus } from "../../generated/orval/api";
import {
  ACCESS_TOKEN,
  BANK_SLUG,
  CUSTOMER_TOKEN,
  expectOk,
  INVITATION_REQUEST,
  type Peer,
  type PeerOptions,
} from "./fixtures";
import { orvalConfig } from "./orval-fetch";

export function createPeer({ baseUrl, fetch }: PeerOptions): Peer {
  orvalConfig.baseUrl = baseUrl;
  if (fetch) orvalConfig.fetch = fetch;
  return {
    async consentStatus() {
      const { data, status } = await getConsentStatus(BANK_SLUG, {
        headers: { Authorization: `AppUserToken ${CUSTOMER_TOKEN}` },
      });
      expectOk(status, "consentStatus");
      return data;
    },
    async createInvitation() {
      const { data, status } = await createInvitation(INVITATION_REQUEST as CreateInvitationRequest, {
        headers: { Authorization: `Bearer ${ACCESS_TOKEN}` },
      });
      expectOk(status, "createInvitation");
      return data;
    },
  };
}
