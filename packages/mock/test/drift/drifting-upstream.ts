/**
 * A "drifting upstream": a small proxy in front of the sandbox that alters its answers the way a changed real API
 * would. `drift` picks the alteration (undefined: pass everything through unaltered). It also gives every customer
 * the tools create an `Authorised` consent at Barclays (through the sandbox's control API), so the consent reads
 * answer 200 as they would for a customer who went through a bank.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { close, listen, readBody } from "../../src/sandbox/http/node-http";

export const CONSENT_BANK = "barclays";

interface Altered {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CONSENT_STATUS = /^\/public\/v3\/webflow\/banks\/[^/]+\/consent\/status$/;
const CUSTOMER_BANKS = /^\/public\/v3\/customers\/[^/]+\/banks$/;

const editJson = (answer: Altered, edit: (body: Record<string, unknown>) => void): Altered => {
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  edit(body);
  return { ...answer, body: JSON.stringify(body) };
};

/** Each kind of drift: which answers it touches and how. The expected violation is in the test. */
export const DRIFTS = {
  "missing required field": {
    applies: CONSENT_STATUS,
    alter: (a: Altered) =>
      editJson(a, (body) => {
        delete body.consent_id;
      }),
  },
  "changed type": {
    applies: CONSENT_STATUS,
    alter: (a: Altered) =>
      editJson(a, (body) => {
        body.creation_date_time = String(body.creation_date_time);
      }),
  },
  "unknown enum value": {
    applies: CONSENT_STATUS,
    alter: (a: Altered) =>
      editJson(a, (body) => {
        body.status = "Expired";
      }),
  },
  "renamed envelope key": {
    applies: CUSTOMER_BANKS,
    alter: (a: Altered) =>
      editJson(a, (body) => {
        body.banks = body.data;
        delete body.data;
      }),
  },
  "undeclared status": { applies: CONSENT_STATUS, alter: (a: Altered) => ({ ...a, status: 202 }) },
  "wrong content type": {
    applies: CONSENT_STATUS,
    alter: (a: Altered) => ({ ...a, headers: { ...a.headers, "content-type": "text/html; charset=utf-8" } }),
  },
  "non-JSON body": {
    applies: CONSENT_STATUS,
    alter: (a: Altered) => ({ ...a, body: "<html><body>Service moved</body></html>" }),
  },
  // The spec declares no required response header (Retry-After is optional); Content-Type is the header every
  // answer with a body must carry, so this drift drops it.
  "required response header missing": {
    applies: CONSENT_STATUS,
    alter: (a: Altered) => {
      const { "content-type": _dropped, ...headers } = a.headers;
      return { ...a, headers };
    },
  },
} satisfies Record<string, { applies: RegExp; alter: (answer: Altered) => Altered }>;

export type DriftKind = keyof typeof DRIFTS;

export interface DriftingUpstream {
  url: string;
  /** The drift applied from now on; `undefined` passes every answer through unaltered. */
  drift: DriftKind | undefined;
  /** How many answers were altered since the start. */
  altered: number;
  /** Every token the tools sent (the part after `Bearer ` / `AppUserToken `), to prove none is printed. */
  tokensSeen: Set<string>;
  stop(): Promise<void>;
}

export async function startDriftingUpstream(sandboxUrl: string): Promise<DriftingUpstream> {
  const server: Server = createServer(async (incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", sandboxUrl);
    const body = await readBody(incoming);
    const token = /^\S+ (\S+)$/.exec(incoming.headers.authorization ?? "")?.[1];
    if (token) upstream.tokensSeen.add(token);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "connection") headers.set(name, value);
    }
    const response = await fetch(url, {
      method: incoming.method,
      headers,
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      redirect: "manual",
    });
    let answer: Altered = { status: response.status, headers: {}, body: await response.text() };
    response.headers.forEach((value, name) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name)) {
        answer.headers[name] = value;
      }
    });
    if (incoming.method === "POST" && url.pathname === "/public/v3/customers" && response.ok) {
      await seedConsent(sandboxUrl, (JSON.parse(answer.body) as { id: string }).id);
    }
    const drift = upstream.drift && DRIFTS[upstream.drift];
    if (drift?.applies.test(url.pathname) && response.ok) {
      answer = drift.alter(answer);
      upstream.altered++;
    }
    // writeHead with an explicit header list: Node adds no content-type of its own.
    outgoing.writeHead(answer.status, { ...answer.headers, "content-length": String(Buffer.byteLength(answer.body)) });
    outgoing.end(answer.body);
  });
  await listen(server, "127.0.0.1", 0);
  const upstream: DriftingUpstream = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    drift: undefined,
    altered: 0,
    tokensSeen: new Set(),
    stop: () => close(server),
  };
  return upstream;
}

async function seedConsent(sandboxUrl: string, customerId: string): Promise<void> {
  const response = await fetch(`${sandboxUrl}/_sandbox/consents`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ customer_id: customerId, bank_slug: CONSENT_BANK, status: "Authorised" }),
  });
  if (!response.ok) throw new Error(`seeding a consent failed: HTTP ${response.status}`);
}
