// @vitest-environment happy-dom
/**
 * The hooks as a React app renders them (react-dom in happy-dom), from the built package (dist/): loading, data,
 * typed failures, the start of the trip to the bank and the return page, under StrictMode (effects run twice).
 */
import { CONNECT_BANK_STORAGE_KEY } from "@planky-kit/client/connect-bank";
import { act, createElement, type ReactNode, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import {
  PlankyProvider,
  type PlankyProviderProps,
  useBankReturn,
  useBanks,
  useConnectBank,
  useConsentScreen,
  useConsentStatus,
  usePlanky,
} from "../dist/index.js";
import { BANKS, BASE_URL, consent, json, RETURN_URL, stubClient } from "./support";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: ReturnType<typeof createRoot>;
beforeEach(() => {
  sessionStorage.clear();
  container = document.createElement("div");
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  vi.unstubAllGlobals();
});

/** The provider's props without `children`, for each of its two forms (`client`, or `customerToken`). */
type ProviderOptions = PlankyProviderProps extends infer P ? (P extends unknown ? Omit<P, "children"> : never) : never;

/** Renders `hook` in a component under a provider (and StrictMode) and returns the latest value it returned. */
/** Calls the hook under test and hands its latest value out. */
function Probe<T>({ hook, seen }: { hook: () => T; seen: { current: T } }): ReactNode {
  seen.current = hook();
  return null;
}

async function renderHook<T>(hook: () => T, provider: ProviderOptions) {
  const seen = { current: undefined as T };
  await act(async () => {
    root.render(
      createElement(
        StrictMode,
        null,
        createElement(PlankyProvider, provider as PlankyProviderProps, createElement(Probe<T>, { hook, seen })),
      ),
    );
  });
  return seen;
}

/** Lets pending promises and the state updates they cause run. */
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 10)));

test("useBanks: loading, then the banks; refresh reads again", async () => {
  const { client, calls } = stubClient(() => json(BANKS));
  const banks = await renderHook(() => useBanks(), { client, returnUrl: RETURN_URL });
  await settle();
  expect(banks.current).toMatchObject({ loading: false, failure: undefined, data: BANKS });
  const before = calls.length;
  await act(async () => banks.current.refresh());
  await settle();
  expect(calls.length).toBe(before + 1);
});

test("useBanks: an expired customer token is a typed failure, not a thrown error", async () => {
  const { client } = stubClient(() => json({ message: "expired" }, 401));
  const banks = await renderHook(() => useBanks(), { client, returnUrl: RETURN_URL });
  await settle();
  expect(banks.current.loading).toBe(false);
  expect(banks.current.data).toBeUndefined();
  expect(banks.current.failure?.kind).toBe("expired-token");
});

test("useConsentStatus reads nothing without a bank, and the status with one", async () => {
  const { client, calls } = stubClient(() => json(consent("Authorised")));
  const idle = await renderHook(() => useConsentStatus(undefined), { client, returnUrl: RETURN_URL });
  await settle();
  expect(idle.current).toMatchObject({ loading: false, data: undefined });
  expect(calls).toEqual([]);
  const read = await renderHook(() => useConsentStatus("barclays"), { client, returnUrl: RETURN_URL });
  await settle();
  expect(read.current.data?.status).toBe("Authorised");
  expect(calls.at(-1)).toBe("GET /public/v3/webflow/banks/barclays/consent/status");
});

test("useConsentScreen posts the provider's data-sharing details", async () => {
  const bodies: unknown[] = [];
  const { client } = stubClient(async (request) => {
    bodies.push(await request.json());
    return json({ metadata: { name: "Barclays" }, consents: [] });
  });
  const dataSharing = { application_sharing_purposes: [{ description: "Credit check" }] };
  const screen = await renderHook(() => useConsentScreen("barclays"), { client, returnUrl: RETURN_URL, dataSharing });
  await settle();
  expect(screen.current.data?.metadata.name).toBe("Barclays");
  expect(bodies.at(-1)).toEqual(dataSharing);
});

test("useConnectBank keeps the state in sessionStorage, navigates, and stays `starting`", async () => {
  const flowUrl = "https://bank.example/authorise";
  const { client } = stubClient(() =>
    json({
      url: flowUrl,
      consent_id: "consent-1",
      state: "s-1",
      transaction_from_date_time: 1,
      transaction_to_date_time: 2,
    }),
  );
  const navigate = vi.fn();
  const connect = await renderHook(() => useConnectBank(), { client, returnUrl: RETURN_URL, navigate });
  let started: unknown;
  await act(async () => {
    started = await connect.current.start("barclays");
  });
  expect(started).toMatchObject({ kind: "redirect", url: flowUrl, state: "s-1" });
  expect(navigate).toHaveBeenCalledWith(flowUrl);
  expect(JSON.parse(sessionStorage.getItem(CONNECT_BANK_STORAGE_KEY) ?? "{}")).toMatchObject({ state: "s-1" });
  expect(connect.current.starting).toBe(true);
});

test("useConnectBank: a failed start is `failure` and `starting` is false again", async () => {
  const { client } = stubClient(() => Promise.reject(new TypeError("fetch failed")));
  const navigate = vi.fn();
  const connect = await renderHook(() => useConnectBank(), { client, returnUrl: RETURN_URL, navigate });
  await act(async () => {
    await connect.current.start("barclays");
  });
  expect(connect.current).toMatchObject({ starting: false, failure: { kind: "network" } });
  expect(navigate).not.toHaveBeenCalled();
});

function keep(state: string) {
  sessionStorage.setItem(
    CONNECT_BANK_STORAGE_KEY,
    JSON.stringify({ state, bankSlug: "barclays", consentId: "consent-1", startedAt: 1 }),
  );
}
const back = (state: string, status = "Success") =>
  `${RETURN_URL}?status=${status}&customer_id=1&consent_id=consent-1&state=${state}&bank_slug=barclays`;

test("useBankReturn under StrictMode finishes the return once: authorised", async () => {
  keep("s-1");
  const { client, calls } = stubClient(() => json(consent("Authorised")));
  const bankReturn = await renderHook(() => useBankReturn(back("s-1")), { client, returnUrl: RETURN_URL });
  await settle();
  expect(bankReturn.current).toMatchObject({ pending: false, outcome: { kind: "authorised", bankSlug: "barclays" } });
  expect(calls).toEqual(["GET /public/v3/webflow/banks/barclays/consent/status"]);
  expect(sessionStorage.getItem(CONNECT_BANK_STORAGE_KEY)).toBeNull();
});

test("useBankReturn reads location.href by default; a tampered state is `state-mismatch`", async () => {
  keep("s-1");
  vi.stubGlobal("location", new URL(back("forged")));
  const { client, calls } = stubClient(() => json(consent("Authorised")));
  const bankReturn = await renderHook(() => useBankReturn(), { client, returnUrl: RETURN_URL });
  await settle();
  expect(bankReturn.current.outcome).toMatchObject({ kind: "state-mismatch", reason: "different-state" });
  expect(calls).toEqual([]);
});

test("useBankReturn: an Error return is `cancelled`", async () => {
  keep("s-1");
  const { client } = stubClient(() => json(consent("Rejected")));
  const bankReturn = await renderHook(() => useBankReturn(back("s-1", "Error")), { client, returnUrl: RETURN_URL });
  await settle();
  expect(bankReturn.current.outcome?.kind).toBe("cancelled");
});

test("the provider can make the client from customerToken and baseUrl (the token function is asked)", async () => {
  const seen: (string | null)[] = [];
  // The client hands the global fetch a URL and init (a Request only when the caller passes its own fetch).
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(`${new URL(request.url).origin} ${request.headers.get("authorization")}`);
    return json(BANKS);
  });
  const banks = await renderHook(() => useBanks(), {
    customerToken: async () => "ct-from-my-server",
    baseUrl: BASE_URL,
    returnUrl: RETURN_URL,
  });
  await settle();
  expect(banks.current.data).toEqual(BANKS);
  expect(seen[0]).toBe(`${BASE_URL} AppUserToken ct-from-my-server`);
});

function Lonely(): ReactNode {
  usePlanky();
  return null;
}

test("a hook without a provider says what is missing", async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  await expect(act(async () => root.render(createElement(Lonely)))).rejects.toThrow(
    "usePlanky and the Planky hooks need a <PlankyProvider> above them",
  );
});
