/**
 * The headless connect-bank flow (`@planky-kit/client/connect-bank`): start keeps the state and sends the browser to
 * the bank; the return page checks the return, forgets the kept connection and waits (bounded) for the consent to
 * settle. Every outcome is a value: the assertions below `await` the results, so an uncaught throw fails them.
 */
import { describe, expect, test } from "vitest";
import {
  CONNECT_BANK_STORAGE_KEY,
  type ConnectBankOptions,
  type ConnectBankStorage,
  createConnectBank,
  failureOf,
} from "../../src/connect-bank";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  createWebflowClient,
  NotFoundError,
  PlankyValidationError,
} from "../../src/webflow";
import { BASE_URL, connectionError, type Handler, json } from "./stub-fetch";

const RETURN_URL = "https://app.example/bank-return";
const FLOW = {
  url: "https://bank.example/authorise?x=1",
  consent_id: "consent-1",
  state: "state-abc",
  transaction_from_date_time: 1,
  transaction_to_date_time: 2,
};
const consent = (status: string) => ({
  consent_id: "consent-1",
  creation_date_time: 1,
  status,
  status_update_date_time: 1,
  permissions: ["ReadAccountsBasic"],
  transaction_from_date_time: 1,
  transaction_to_date_time: 2,
});

function memoryStorage(): ConnectBankStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

function returnUrl(params: Record<string, string>): string {
  const url = new URL(RETURN_URL);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

const SUCCESS = {
  status: "Success",
  customer_id: "1234",
  consent_id: "consent-1",
  state: "state-abc",
  bank_slug: "barclays",
};

/** A flow over a stubbed API with a fake clock: `sleep` advances it, so the bounded wait runs instantly. */
function setup(api: Handler, options: Partial<ConnectBankOptions> = {}) {
  const requests: string[] = [];
  const client = createWebflowClient({
    customerToken: "ct-1234567890",
    baseUrl: BASE_URL,
    initialRetryDelay: 1,
    maxRetryDelay: 1,
    maxRetries: 0,
    fetch: async (request) => {
      const url = new URL(request.url);
      requests.push(`${request.method} ${url.pathname}${url.search}`);
      return api(request, requests.length);
    },
  });
  const storage = memoryStorage();
  const navigated: string[] = [];
  const clock = { now: 1_000_000, sleeps: [] as number[] };
  const flow = createConnectBank(client, {
    returnUrl: RETURN_URL,
    storage,
    navigate: (url) => navigated.push(url),
    now: () => clock.now,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
    ...options,
  });
  return { flow, storage, navigated, requests, clock };
}

function keep(storage: ConnectBankStorage, state = "state-abc") {
  storage.setItem(
    CONNECT_BANK_STORAGE_KEY,
    JSON.stringify({ state, bankSlug: "barclays", consentId: "consent-1", startedAt: 1 }),
  );
}

describe("start", () => {
  test("creates the bank flow URL for the return page, keeps its state, then sends the browser to the bank", async () => {
    const { flow, storage, navigated, requests } = setup(() => json(FLOW), {
      dataSharing: { application_sharing_purposes: [{ description: "Credit check" }] },
    });
    const started = await flow.start({ bankSlug: "barclays" });
    expect(started).toEqual({
      kind: "redirect",
      url: FLOW.url,
      bankSlug: "barclays",
      consentId: "consent-1",
      state: "state-abc",
    });
    expect(requests).toEqual([`POST /public/v3/webflow/banks/barclays/redirect?url=${encodeURIComponent(RETURN_URL)}`]);
    expect(JSON.parse(storage.map.get(CONNECT_BANK_STORAGE_KEY) ?? "null")).toEqual({
      state: "state-abc",
      bankSlug: "barclays",
      consentId: "consent-1",
      startedAt: 1_000_000,
    });
    expect(navigated).toEqual([FLOW.url]);
    expect(flow.pending()?.state).toBe("state-abc");
  });

  test("the documented key is planky-kit:connect-bank", () => {
    expect(CONNECT_BANK_STORAGE_KEY).toBe("planky-kit:connect-bank");
  });

  test("sends the data-sharing details with the bank flow URL and the consent screen", async () => {
    const bodies: string[] = [];
    const dataSharing = { application_sharing_third_parties: [], application_sharing_purposes: [] };
    const { flow } = setup(
      async (request) => {
        bodies.push(await request.text());
        return json(request.url.includes("/redirect") ? FLOW : { metadata: {}, consents: [] });
      },
      { dataSharing },
    );
    await flow.start({ bankSlug: "barclays" });
    expect(await flow.consentScreen({ bankSlug: "barclays" })).toMatchObject({ kind: "ok" });
    expect(bodies.map((body) => JSON.parse(body))).toEqual([dataSharing, dataSharing]);
  });

  test("an expired customer token is `expired-token`; nothing kept, no navigation", async () => {
    const { flow, storage, navigated } = setup(() => json({ message: "expired" }, 401));
    const started = await flow.start({ bankSlug: "barclays" });
    expect(started.kind).toBe("expired-token");
    expect(started.kind === "expired-token" && started.error).toBeInstanceOf(AuthenticationError);
    expect(storage.map.size).toBe(0);
    expect(navigated).toEqual([]);
  });

  test("no answer is `network`", async () => {
    const { flow } = setup(() => Promise.reject(connectionError("ECONNREFUSED")));
    const started = await flow.start({ bankSlug: "barclays" });
    expect(started.kind).toBe("network");
  });

  test("a bad bank slug is an `error` holding the validation error, not a throw", async () => {
    const { flow, requests } = setup(() => json(FLOW));
    const started = await flow.start({ bankSlug: "" });
    expect(started.kind).toBe("error");
    expect(started.kind === "error" && started.error).toBeInstanceOf(PlankyValidationError);
    expect(requests).toEqual([]);
  });

  test("storage that throws is `storage-unavailable`, and the browser stays", async () => {
    const broken = memoryStorage();
    broken.setItem = () => {
      throw new DOMException("blocked", "SecurityError");
    };
    const { flow, navigated } = setup(() => json(FLOW), { storage: broken });
    expect((await flow.start({ bankSlug: "barclays" })).kind).toBe("storage-unavailable");
    expect(navigated).toEqual([]);
  });

  test("without sessionStorage (a server) and no `storage`, start is `storage-unavailable` without a call", async () => {
    const client = createWebflowClient({
      customerToken: "ct-1234567890",
      baseUrl: BASE_URL,
      fetch: async () => json(FLOW),
    });
    const flow = createConnectBank(client, { returnUrl: RETURN_URL, navigate: () => {} });
    expect("sessionStorage" in globalThis).toBe(false);
    expect((await flow.start({ bankSlug: "barclays" })).kind).toBe("storage-unavailable");
    expect(flow.pending()).toBeUndefined();
  });

  test("an aborted signal is `aborted`", async () => {
    const { flow } = setup(() => json(FLOW));
    const started = await flow.start({ bankSlug: "barclays" }, { signal: AbortSignal.abort() });
    expect(started.kind).toBe("aborted");
  });
});

describe("resume (the return page)", () => {
  test("a Success return waits until the consent is Authorised, then forgets the kept connection", async () => {
    const statuses = ["AwaitingAuthorisation", "AwaitingAuthorisation", "Authorised"];
    const { flow, storage, requests, clock } = setup((_request, call) => json(consent(statuses[call - 1] ?? "")));
    keep(storage);
    const outcome = await flow.resume(returnUrl(SUCCESS));
    expect(outcome).toEqual({
      kind: "authorised",
      bankSlug: "barclays",
      consentId: "consent-1",
      consent: consent("Authorised"),
    });
    expect(requests).toEqual(Array(3).fill("GET /public/v3/webflow/banks/barclays/consent/status"));
    expect(clock.sleeps).toEqual([1_000, 1_000]);
    expect(storage.map.has(CONNECT_BANK_STORAGE_KEY)).toBe(false);
  });

  test.each(["Rejected", "Revoked"])("a consent that settles at %s is `refused`", async (status) => {
    const { flow, storage } = setup(() => json(consent(status)));
    keep(storage);
    expect(await flow.resume(returnUrl(SUCCESS))).toMatchObject({ kind: "refused", consent: { status } });
  });

  test("an Error return is `cancelled` with Planky's message, without reading the status", async () => {
    const { flow, storage, requests } = setup(() => json(consent("Rejected")));
    keep(storage);
    const outcome = await flow.resume(returnUrl({ ...SUCCESS, status: "Error", message: "Customer cancelled" }));
    expect(outcome).toEqual({
      kind: "cancelled",
      bankSlug: "barclays",
      consentId: "consent-1",
      message: "Customer cancelled",
    });
    expect(requests).toEqual([]);
    expect(storage.map.size).toBe(0);
  });

  test("an Error return without a message has no `message`", async () => {
    const { flow, storage } = setup(() => json(consent("Rejected")));
    keep(storage);
    const outcome = await flow.resume(returnUrl({ ...SUCCESS, status: "Error" }));
    expect(outcome).toEqual({ kind: "cancelled", bankSlug: "barclays", consentId: "consent-1" });
  });

  test("the wait is bounded: still AwaitingAuthorisation after maxWait is `timeout` with the last read", async () => {
    const { flow, storage, requests, clock } = setup(() => json(consent("AwaitingAuthorisation")), {
      maxWait: 2_500,
      pollInterval: 1_000,
    });
    keep(storage);
    const outcome = await flow.resume(returnUrl(SUCCESS));
    expect(outcome).toMatchObject({ kind: "timeout", consent: { status: "AwaitingAuthorisation" } });
    // Reads at 0, 1 000, 2 000 and 2 500 ms: the last pause is cut to what is left of the wait.
    expect(clock.sleeps).toEqual([1_000, 1_000, 500]);
    expect(requests).toHaveLength(4);
  });

  test("a tampered state is `state-mismatch` (different-state), and the kept connection survives", async () => {
    const { flow, storage, requests } = setup(() => json(consent("Authorised")));
    keep(storage);
    const outcome = await flow.resume(returnUrl({ ...SUCCESS, state: "forged" }));
    expect(outcome).toMatchObject({ kind: "state-mismatch", reason: "different-state" });
    expect(requests).toEqual([]);
    expect(flow.pending()?.state).toBe("state-abc");
    // The genuine return still finishes it.
    expect((await flow.resume(returnUrl(SUCCESS))).kind).toBe("authorised");
  });

  test("a return without state is `state-mismatch` too", async () => {
    const { flow, storage } = setup(() => json(consent("Authorised")));
    keep(storage);
    const { state: _state, ...withoutState } = SUCCESS;
    expect(await flow.resume(returnUrl(withoutState))).toMatchObject({ kind: "state-mismatch" });
  });

  test("with nothing kept (another tab, or a reload after it finished) it is `no-pending-connection`", async () => {
    const { flow, storage } = setup(() => json(consent("Authorised")));
    expect(await flow.resume(returnUrl(SUCCESS))).toEqual({
      kind: "state-mismatch",
      reason: "no-pending-connection",
    });
    storage.setItem(CONNECT_BANK_STORAGE_KEY, "not json");
    expect(await flow.resume(`${returnUrl(SUCCESS)}&again`)).toMatchObject({ reason: "no-pending-connection" });
  });

  test("a reload of a finished return page cannot finish it twice", async () => {
    const { flow, storage } = setup(() => json(consent("Authorised")));
    keep(storage);
    expect((await flow.resume(returnUrl(SUCCESS))).kind).toBe("authorised");
    const reloaded = createConnectBank(createWebflowClient({ customerToken: "ct-1234567890", baseUrl: BASE_URL }), {
      returnUrl: RETURN_URL,
      storage,
    });
    expect(await reloaded.resume(returnUrl(SUCCESS))).toMatchObject({ reason: "no-pending-connection" });
  });

  test("the same URL twice (a component mounted twice) finishes once and gives the same outcome", async () => {
    const { flow, storage, requests } = setup(() => json(consent("Authorised")));
    keep(storage);
    const [first, second] = await Promise.all([flow.resume(returnUrl(SUCCESS)), flow.resume(returnUrl(SUCCESS))]);
    expect(first.kind).toBe("authorised");
    expect(second).toBe(first);
    expect(requests).toHaveLength(1);
  });

  test.each([
    ["consent_id", { consent_id: "another" }],
    ["bank_slug", { bank_slug: "hsbc" }],
    ["customer_id", { customer_id: "" }],
    ["status", { status: "Maybe" }],
  ])("a return whose %s is wrong is `invalid-return` naming it", async (field, change) => {
    const { flow, storage } = setup(() => json(consent("Authorised")));
    keep(storage);
    expect(await flow.resume(returnUrl({ ...SUCCESS, ...change }))).toMatchObject({ kind: "invalid-return", field });
  });

  test("a URL encoded once more (react-plaid-link #219's mistake) is refused, not misread", async () => {
    const { flow, storage } = setup(() => json(consent("Authorised")));
    keep(storage);
    expect(await flow.resume(encodeURIComponent(returnUrl(SUCCESS)))).toMatchObject({
      kind: "invalid-return",
      field: "url",
    });
  });

  test("an expired token while reading the status is `expired-token`", async () => {
    const { flow, storage } = setup(() => json({}, 401));
    keep(storage);
    expect((await flow.resume(returnUrl(SUCCESS))).kind).toBe("expired-token");
  });

  test("no answer while reading the status is `network`; a timeout too", async () => {
    const { flow, storage } = setup(() => Promise.reject(connectionError("ECONNRESET")));
    keep(storage);
    const outcome = await flow.resume(returnUrl(SUCCESS));
    expect(outcome.kind).toBe("network");
    expect(failureOf(new APIConnectionTimeoutError("late")).kind).toBe("network");
  });

  test("another API error (404: no consent) is `error` with the typed error", async () => {
    const { flow, storage } = setup(() => json({ message: "no consent" }, 404));
    keep(storage);
    const outcome = await flow.resume(returnUrl(SUCCESS));
    expect(outcome.kind === "error" && outcome.error).toBeInstanceOf(NotFoundError);
  });

  test("an abort during the wait is `aborted` (the default sleep listens to the signal)", async () => {
    const controller = new AbortController();
    const { flow, storage } = setup(
      () => {
        setTimeout(() => controller.abort(), 5);
        return json(consent("AwaitingAuthorisation"));
      },
      { sleep: undefined, pollInterval: 60_000 },
    );
    keep(storage);
    const outcome = await flow.resume(returnUrl(SUCCESS), { signal: controller.signal });
    expect(outcome.kind).toBe("aborted");
  });

  test("storage that throws on read is `storage-unavailable`", async () => {
    const broken = memoryStorage();
    broken.getItem = () => {
      throw new DOMException("blocked", "SecurityError");
    };
    const { flow } = setup(() => json(consent("Authorised")), { storage: broken });
    expect((await flow.resume(returnUrl(SUCCESS))).kind).toBe("storage-unavailable");
    expect(flow.pending()).toBeUndefined();
  });
});

describe("edges of the flow", () => {
  test("the wait ends exactly at maxWait: reads at 0, 1 000 and 2 000 ms, then `timeout`", async () => {
    const { flow, storage, requests, clock } = setup(() => json(consent("AwaitingAuthorisation")), { maxWait: 2_000 });
    keep(storage);
    expect((await flow.resume(returnUrl(SUCCESS))).kind).toBe("timeout");
    expect(requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([1_000, 1_000]);
  });

  test("maxWait 0 reads once; pollInterval 0 is allowed", async () => {
    const { flow, storage, requests } = setup(() => json(consent("AwaitingAuthorisation")), {
      maxWait: 0,
      pollInterval: 0,
    });
    keep(storage);
    expect((await flow.resume(returnUrl(SUCCESS))).kind).toBe("timeout");
    expect(requests).toHaveLength(1);
  });

  test("the default sleep waits on a real timer, then the flow reads again", async () => {
    const statuses = ["AwaitingAuthorisation", "Authorised"];
    const { flow, storage, requests } = setup((_request, call) => json(consent(statuses[call - 1] ?? "")), {
      sleep: undefined,
      pollInterval: 5,
    });
    keep(storage);
    expect((await flow.resume(returnUrl(SUCCESS))).kind).toBe("authorised");
    expect(requests).toHaveLength(2);
  });

  test("storage that reads but cannot remove still finishes a genuine return", async () => {
    const sticky = memoryStorage();
    sticky.removeItem = () => {
      throw new DOMException("blocked", "SecurityError");
    };
    const { flow } = setup(() => json(consent("Authorised")), { storage: sticky });
    keep(sticky);
    expect((await flow.resume(returnUrl(SUCCESS))).kind).toBe("authorised");
  });

  test("a kept value missing a field is not a connection in progress", async () => {
    const { flow, storage } = setup(() => json(consent("Authorised")));
    for (const broken of [
      { state: "state-abc" },
      { state: "", bankSlug: "barclays", consentId: "c", startedAt: 1 },
      null,
    ]) {
      storage.setItem(CONNECT_BANK_STORAGE_KEY, JSON.stringify(broken));
      expect(flow.pending()).toBeUndefined();
    }
    expect(await flow.resume(returnUrl(SUCCESS))).toMatchObject({ reason: "no-pending-connection" });
  });

  test("a navigate that throws is an `error` result (the state stays kept for a retry)", async () => {
    const { flow, storage } = setup(() => json(FLOW), {
      navigate: () => {
        throw new Error("router refused");
      },
    });
    const started = await flow.start({ bankSlug: "barclays" });
    expect(started).toMatchObject({ kind: "error", error: { message: "router refused" } });
    expect(storage.map.has(CONNECT_BANK_STORAGE_KEY)).toBe(true);
  });

  test("a new start replaces the kept connection (one per tab)", async () => {
    let n = 0;
    const { flow } = setup(() => json({ ...FLOW, state: `state-${++n}`, consent_id: `consent-${n}` }));
    await flow.start({ bankSlug: "barclays" });
    await flow.start({ bankSlug: "hsbc" });
    expect(flow.pending()).toMatchObject({ state: "state-2", bankSlug: "hsbc", consentId: "consent-2" });
  });
});

describe("reads", () => {
  test("banks() and status() return `ok` with the data, or the failure", async () => {
    const { flow } = setup((request) =>
      request.url.endsWith("/banks")
        ? json([{ bank: { slug: "barclays" }, accounts: [], connected: true }])
        : json({}, 401),
    );
    expect(await flow.banks()).toMatchObject({ kind: "ok", data: [{ bank: { slug: "barclays" }, connected: true }] });
    expect((await flow.status({ bankSlug: "barclays" })).kind).toBe("expired-token");
  });

  test("failureOf sorts the client's errors", () => {
    expect(failureOf(new APIConnectionError("down")).kind).toBe("network");
    expect(failureOf(new APIUserAbortError("stop")).kind).toBe("aborted");
    expect(failureOf(new Error("other")).kind).toBe("error");
  });
});

describe("createConnectBank", () => {
  const client = createWebflowClient({ customerToken: "ct-1234567890", baseUrl: BASE_URL });
  test.each([
    ["client", () => createConnectBank({} as never, { returnUrl: RETURN_URL })],
    ["returnUrl", () => createConnectBank(client, { returnUrl: "/bank-return" })],
    ["returnUrl", () => createConnectBank(client, undefined as never)],
    ["pollInterval", () => createConnectBank(client, { returnUrl: RETURN_URL, pollInterval: -1 })],
    ["maxWait", () => createConnectBank(client, { returnUrl: RETURN_URL, maxWait: Number.NaN })],
  ])("refuses an unusable %s at once, naming it", (field, create) => {
    expect(create).toThrow(expect.objectContaining({ name: "PlankyValidationError", field }));
  });
});
