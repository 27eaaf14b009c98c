/** The client `@hey-api/openapi-ts` generates from spec/openapi.yaml (fetch client + SDK functions). */
import { createClient, createConfig } from "../../generated/hey-api/client";
import { createInvitation, getConsentStatus } from "../../generated/hey-api/sdk.gen";
import type { CreateInvitationRequest } from "../../generated/hey-api/types.gen";
import {
  ACCESS_TOKEN,
  BANK_SLUG,
  CUSTOMER_TOKEN,
  expectOk,
  INVITATION_REQUEST,
  type Peer,
  type PeerOptions,
} from "./fixtures";

export function createPeer({ baseUrl, fetch }: PeerOptions): Peer {
  // `auth` answers the Bearer scheme; the customer token is passed per call, like the other peers do.
  const client = createClient(
    createConfig(fetch ? { baseUrl, fetch, auth: () => ACCESS_TOKEN } : { baseUrl, auth: () => ACCESS_TOKEN }),
  );
  return {
    async consentStatus() {
      const { data, response } = await getConsentStatus({
        client,
        path: { bank_slug: BANK_SLUG },
        headers: { Authorization: `AppUserToken ${CUSTOMER_TOKEN}` },
      });
      expectOk(response.status, "consentStatus");
      return data;
    },
    async createInvitation() {
      const { data, response } = await createInvitation({
        client,
        body: INVITATION_REQUEST as CreateInvitationRequest,
      });
      expectOk(response.status, "createInvitation");
      return data;
    },
  };
}
