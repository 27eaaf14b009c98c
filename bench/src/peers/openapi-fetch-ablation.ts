/**
 * Not a peer users would pick: bare openapi-fetch plus, one at a time, what our request loop does around each
 * openapi-fetch call (packages/client/src/internal/request.ts). Used only in the no-network CPU run, so the report
 * can say how much of our overhead each step explains and how much is the rest of the loop.
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

export interface LoopSteps {
  /** Per attempt, as the loop does: an AbortController whose signal openapi-fetch puts on the Request, a
   * 30 s timer that would abort it, the call awaited through a promise the timer can reject, then clearTimeout. */
  timeout: boolean;
  /** As the loop does: openapi-fetch reads the body as text (`parseAs: "text"`), then `JSON.parse`. */
  textThenParse: boolean;
}

type Init = Record<string, unknown>;
type Send = (init: Init) => Promise<{ data?: unknown; response: Response }>;

/** One openapi-fetch call with the chosen steps around it. */
async function attempt(steps: LoopSteps, send: Send, what: string): Promise<unknown> {
  const init: Init = steps.textThenParse ? { parseAs: "text" } : {};
  let result: { data?: unknown; response: Response };
  if (steps.timeout) {
    const controller = new AbortController();
    init.signal = controller.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      result = await new Promise((resolve, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new Error("timed out"));
        }, 30_000);
        send(init).then(resolve, reject);
      });
    } finally {
      clearTimeout(timer);
    }
  } else {
    result = await send(init);
  }
  expectOk(result.response.status, what);
  return steps.textThenParse ? JSON.parse(result.data as string) : result.data;
}

export function createAblationPeer({ baseUrl, fetch }: PeerOptions, steps: LoopSteps): Peer {
  const client = createClient<paths>(fetch ? { baseUrl, fetch } : { baseUrl });
  return {
    consentStatus: () =>
      attempt(
        steps,
        (init) =>
          client.GET("/public/v3/webflow/banks/{bank_slug}/consent/status", {
            params: { path: { bank_slug: BANK_SLUG } },
            headers: { Authorization: `AppUserToken ${CUSTOMER_TOKEN}` },
            ...init,
          }),
        "consentStatus",
      ),
    createInvitation: () =>
      attempt(
        steps,
        (init) =>
          client.POST("/public/v3/invitations", {
            body: INVITATION_REQUEST as paths["/public/v3/invitations"]["post"]["requestBody"]["content"]["application/json"],
            headers: { Authorization: `Bearer ${ACCESS_TOKEN}` },
            ...init,
          }),
        "createInvitation",
      ),
  };
}
