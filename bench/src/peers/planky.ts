/** Our client, with a ready access token (the cached-token path: no token request per call). */
import { type CreateInvitationParams, createPlankyClient } from "@planky-kit/client";
import { ACCESS_TOKEN, BANK_SLUG, CUSTOMER_TOKEN, INVITATION_REQUEST, type Peer, type PeerOptions } from "./fixtures";

export function createPeer({ baseUrl, fetch, signal }: PeerOptions): Peer {
  const client = createPlankyClient(
    fetch ? { accessToken: ACCESS_TOKEN, baseUrl, fetch } : { accessToken: ACCESS_TOKEN, baseUrl },
  );
  const options = signal ? { signal } : undefined;
  return {
    consentStatus: () => client.consents.getStatus({ bankSlug: BANK_SLUG, customerToken: CUSTOMER_TOKEN }, options),
    createInvitation: () => client.invitations.create(INVITATION_REQUEST as CreateInvitationParams, options),
  };
}
