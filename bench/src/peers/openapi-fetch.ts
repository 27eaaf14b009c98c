/** Bare openapi-fetch with our generated `paths` types: what our client is built on, without our layer. */
import type { paths } from "@planky-kit/client";
import createClient from "openapi-fetch";
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
  const client = createClient<paths>(fetch ? { baseUrl, fetch } : { baseUrl });
  return {
    async consentStatus() {
      const { data, response } = await client.GET("/public/v3/webflow/banks/{bank_slug}/consent/status", {
        params: { path: { bank_slug: BANK_SLUG } },
        headers: { Authorization: `AppUserToken ${CUSTOMER_TOKEN}` },
      });
      expectOk(response.status, "consentStatus");
      return data;
    },
    async createInvitation() {
      const { data, response } = await client.POST("/public/v3/invitations", {
        body: INVITATION_REQUEST as paths["/public/v3/invitations"]["post"]["requestBody"]["content"]["application/json"],
        headers: { Authorization: `Bearer ${ACCESS_TOKEN}` },
      });
      expectOk(response.status, "createInvitation");
      return data;
    },
  };
}
