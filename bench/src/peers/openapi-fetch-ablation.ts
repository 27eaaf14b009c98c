/**
 * Not a peer users would pick: bare openapi-fetch plus, one at a time, the two things our transport does per
 * call that cost the most (packages/client/src/transport.ts). Used only in the no-network CPU run, to show how
 * much of our overhead each one explains.
 */
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

type Fetch = (request: Request) => Promise<Response>;

export interface AblationSteps {
  /** send(): read the request body back out (for a possible retry), copy headers, send a new Request. */
  rebuildRequest: boolean;
  /** attemptOnce(): per-attempt timeout: an AbortController, a timer, the signal on the new Request. */
  timeout: boolean;
}

/** Our transport's steps, reduced to the ones chosen; the response is always buffered as attemptOnce() does. */
export const transportSteps =
  (steps: AblationSteps) =>
  (fetch: Fetch): Fetch =>
  async (original) => {
    let request = original;
    let timer: AbortController | undefined;
    let timeoutId: ReturnType<typeof setTimeout> | undefined;
    if (steps.timeout) {
      const controller = new AbortController();
      timer = controller;
      timeoutId = setTimeout(() => controller.abort(), 30_000);
    }
    if (steps.rebuildRequest) {
      const body = original.body ? await original.arrayBuffer() : null;
      const headers = new Headers();
      for (const [name, value] of original.headers) headers.set(name, value);
      request = new Request(original.url, { method: original.method, headers, body, signal: timer?.signal ?? null });
    }
    try {
      const response = await fetch(request);
      const buffered = await response.arrayBuffer();
      return new Response(buffered.byteLength === 0 ? null : buffered, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      clearTimeout(timeoutId);
    }
  };

export function createAblationPeer({ baseUrl, fetch }: PeerOptions, wrap: (fetch: Fetch) => Fetch): Peer {
  const base: Fetch = (request) => (fetch ?? globalThis.fetch)(request);
  const client = createClient<paths>({ baseUrl, fetch: wrap(base) });
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
