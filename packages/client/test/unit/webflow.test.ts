/**
 * The webflow client (`@planky-kit/client/webflow`): customer-token auth, its resources, and its reads.
 */
import { describe, expect, test, vi } from "vitest";
import {
  APIConnectionTimeoutError,
  AuthenticationError,
  createWebflowClient,
  InternalServerError,
  NotFoundError,
  PlankyValidationError,
  type WebflowClientOptions,
} from "../../src/webflow";
import { BASE_URL, type Handler, hang, json, type Recorded } from "./stub-fetch";

const STATUS = { consent_id: "abc", status: "Authorised" };

function stubWebflow(api: Handler, options: Partial<WebflowClientOptions> = {}) {
  const requests: Recorded[] = [];
  let calls = 0;
  const client = createWebflowClient({
    customerToken: "ct-1234567890",
    baseUrl: BASE_URL,
    initialRetryDelay: 1,
    maxRetryDelay: 5,
    fetch: async (request) => {
      requests.push({
        method: request.method,
        path: new URL(request.url).pathname + new URL(request.url).search,
        authorization: request.headers.get("authorization"),
        body: await request.clone().text(),
      });
      return api(request, ++calls);
    },
    ...options,
  });
  return { client, requests };
}

describe("createWebflowClient", () => {
  test("consents.getStatus sends the customer token as AppUserToken, and nothing else", async () => {
    const s = stubWebflow(() => json(STATUS));
    await expect(s.client.consents.getStatus({ bankSlug: "barclays" })).resolves.toEqual(STATUS);
    expect(s.requests).toEqual([
      {
        method: "GET",
        path: "/public/v3/webflow/banks/barclays/consent/status",
        authorization: "AppUserToken ct-1234567890",
        body: "",
      },
    ]);
  });

  test("a token function is asked once more after a 401, which is replayed once", async () => {
    let asked = 0;
    const s = stubWebflow(
      (request) => (request.headers.get("authorization") === "AppUserToken t-1" ? json({}, 401) : json(STATUS)),
      {
        customerToken: async () => `t-${++asked}`,
      },
    );
    await expect(s.client.consents.getStatus({ bankSlug: "barclays" })).resolves.toEqual(STATUS);
    expect(s.requests.map((r) => r.authorization)).toEqual(["AppUserToken t-1", "AppUserToken t-2"]);
    expect(asked).toBe(2);
  });

  test("a token function is asked once: later and concurrent calls reuse its token", async () => {
    let asked = 0;
    const s = stubWebflow(() => json(STATUS), { customerToken: async () => `t-${++asked}` });
    const getStatus = () => s.client.consents.getStatus({ bankSlug: "barclays" });
    await Promise.all([getStatus(), getStatus(), getStatus()]);
    await getStatus();
    expect(asked).toBe(1);
    expect(s.requests.map((r) => r.authorization)).toEqual(Array(4).fill("AppUserToken t-1"));
  });

  test("a bad token from the function is not kept: the next call asks again", async () => {
    const answers = ["two words", "t-good"];
    const s = stubWebflow(() => json(STATUS), { customerToken: async () => answers.shift() ?? "t-later" });
    const first = await s.client.consents.getStatus({ bankSlug: "barclays" }).catch((e) => e);
    expect(first).toBeInstanceOf(PlankyValidationError);
    await expect(s.client.consents.getStatus({ bankSlug: "barclays" })).resolves.toEqual(STATUS);
    expect(s.requests.map((r) => r.authorization)).toEqual(["AppUserToken t-good"]);
  });

  test("a late 401 for the old token keeps the new one: the function is not asked a third time", async () => {
    let asked = 0;
    const s = stubWebflow(
      async (request, call) => {
        if (request.headers.get("authorization") !== "AppUserToken t-1") return json(STATUS);
        // The second call's 401 arrives after the first call has already replaced t-1 with t-2.
        // Waits for that replacement (an event, not a 30 ms guess that a loaded machine may miss).
        if (call === 2) await vi.waitFor(() => expect(asked).toBe(2), { timeout: 10_000, interval: 1 });
        return json({}, 401);
      },
      { customerToken: async () => `t-${++asked}` },
    );
    const getStatus = () => s.client.consents.getStatus({ bankSlug: "barclays" });
    await expect(Promise.all([getStatus(), getStatus()])).resolves.toEqual([STATUS, STATUS]);
    expect(asked).toBe(2);
    expect(s.requests.map((r) => r.authorization).sort()).toEqual([
      "AppUserToken t-1",
      "AppUserToken t-1",
      "AppUserToken t-2",
      "AppUserToken t-2",
    ]);
  });

  test("a second 401 is an AuthenticationError: one replay only", async () => {
    let asked = 0;
    const s = stubWebflow(() => json({ message: "expired" }, 401), { customerToken: async () => `t-${++asked}` });
    await expect(s.client.consents.getStatus({ bankSlug: "barclays" })).rejects.toBeInstanceOf(AuthenticationError);
    expect(s.requests).toHaveLength(2);
  });

  test("a fixed token cannot change: a 401 is not replayed", async () => {
    const s = stubWebflow(() => json({}, 401));
    await expect(s.client.consents.getStatus({ bankSlug: "barclays" })).rejects.toBeInstanceOf(AuthenticationError);
    expect(s.requests).toHaveLength(1);
  });

  test("the same retries, timeouts and errors as the server client", async () => {
    const flaky = stubWebflow((_r, call) => (call < 3 ? json({}, 503) : json(STATUS)));
    await expect(flaky.client.consents.getStatus({ bankSlug: "barclays" })).resolves.toEqual(STATUS);
    expect(flaky.requests).toHaveLength(3);
    const down = stubWebflow(() => json({}, 500));
    await expect(down.client.consents.getStatus({ bankSlug: "barclays" })).rejects.toBeInstanceOf(InternalServerError);
    const missing = stubWebflow(() => json({ message: "no consent" }, 404));
    await expect(missing.client.consents.getStatus({ bankSlug: "nobank" })).rejects.toBeInstanceOf(NotFoundError);
    const slow = stubWebflow(hang, { timeout: 5, maxRetries: 0 });
    await expect(slow.client.consents.getStatus({ bankSlug: "barclays" })).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
  });

  test.each([
    [undefined, "options"],
    [{}, "customerToken"],
    [{ customerToken: "" }, "customerToken"],
    [{ customerToken: "AppUserToken abc" }, "customerToken"],
    [{ customerToken: "abc", baseUrl: "ftp://x" }, "baseUrl"],
  ])("bad options %j are a PlankyValidationError naming %s", (options, field) => {
    const create = createWebflowClient as (options?: unknown) => unknown;
    expect(() => create(options)).toThrow(expect.objectContaining({ name: "PlankyValidationError", field }));
    // The message says what to pass, never just the field.
    expect(() => create(options)).toThrow(/customerToken|baseUrl/);
  });

  test("a token function returning a bad token is rejected before sending", async () => {
    const s = stubWebflow(() => json(STATUS), { customerToken: () => "two words" });
    const error = await s.client.consents.getStatus({ bankSlug: "barclays" }).catch((e) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect(error.field).toBe("customerToken");
    expect(s.requests).toHaveLength(0);
  });

  test("a bank slug that is empty or a dot segment is refused before sending", async () => {
    const s = stubWebflow(() => json(STATUS));
    for (const bankSlug of ["", "..", undefined]) {
      const error = await s.client.consents.getStatus({ bankSlug } as { bankSlug: string }).catch((e) => e);
      expect(error).toMatchObject({ name: "PlankyValidationError", field: "bankSlug" });
    }
    expect(s.requests).toHaveLength(0);
  });

  test("banks.list() reads the bank list with the customer token", async () => {
    const banks = [{ bank: { slug: "barclays" }, accounts: [], connected: false }];
    const s = stubWebflow(() => json(banks));
    await expect(s.client.banks.list()).resolves.toEqual(banks);
    expect(s.requests.map((r) => `${r.method} ${r.path} ${r.authorization}`)).toEqual([
      "GET /public/v3/webflow/banks AppUserToken ct-1234567890",
    ]);
  });

  test("consents.delete(): the server's status, or undefined for 204; safe to repeat after a 503", async () => {
    const s = stubWebflow((_r, call) => (call === 1 ? json({}, 503) : json({ status: "success" })));
    await expect(s.client.consents.delete({ bankSlug: "barclays" })).resolves.toEqual({ status: "success" });
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "DELETE /public/v3/webflow/banks/barclays/consent/delete",
      "DELETE /public/v3/webflow/banks/barclays/consent/delete",
    ]);
    const noContent = stubWebflow(() => new Response(null, { status: 204 }));
    await expect(noContent.client.consents.delete({ bankSlug: "barclays" })).resolves.toBeUndefined();
  });

  test("a 2xx without a body is still an error where a body is promised", async () => {
    const s = stubWebflow(() => new Response(null, { status: 204 }));
    await expect(s.client.banks.list()).rejects.toMatchObject({ name: "InvalidResponseError", status: 204 });
  });

  test("consents.createScreen() posts the data-sharing details (not the slug) and is not retried after a 500", async () => {
    const details = { application_sharing_purposes: [{ description: "Credit check" }] };
    const screen = { metadata: { name: "Barclays", slug: "barclays" }, consents: [] };
    const ok = stubWebflow(() => json(screen));
    await expect(ok.client.consents.createScreen({ bankSlug: "barclays", ...details })).resolves.toEqual(screen);
    expect(ok.requests.map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
      ["POST", "/public/v3/webflow/banks/barclays/consent", details],
    ]);
    const down = stubWebflow(() => json({}, 500));
    await expect(down.client.consents.createScreen({ bankSlug: "barclays" })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(down.requests).toHaveLength(1);
  });

  test("consents.createBankFlowUrl() sends the return URL as ?url= and the details as the body", async () => {
    const flow = { url: "https://bank.example/auth", consent_id: "c1", state: "s1" };
    const s = stubWebflow(() => json(flow, 201));
    const returnUrl = "https://app.example.com/planky/return?step=2";
    await expect(s.client.consents.createBankFlowUrl({ bankSlug: "barclays", url: returnUrl })).resolves.toEqual(flow);
    expect(s.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", `/public/v3/webflow/banks/barclays/redirect?url=${encodeURIComponent(returnUrl)}`, "{}"],
    ]);
  });

  test.each([undefined, "", "/relative/path", 42])(
    "createBankFlowUrl with url %j is refused before sending",
    async (url) => {
      const s = stubWebflow(() => json({}));
      const params = { bankSlug: "barclays", url } as { bankSlug: string; url: string };
      await expect(s.client.consents.createBankFlowUrl(params)).rejects.toMatchObject({ field: "url" });
      expect(s.requests).toHaveLength(0);
    },
  );
});

describe("the webflow client's reads", () => {
  test("banks.list() is a read: a 500 is retried", async () => {
    let calls = 0;
    const webflow = createWebflowClient({
      customerToken: "ct-1234567890",
      baseUrl: BASE_URL,
      initialRetryDelay: 1,
      fetch: async () => (++calls === 1 ? json({}, 500) : json([])),
    });
    await expect(webflow.banks.list()).resolves.toEqual([]);
    expect(calls).toBe(2);
  });

  test("consents.getStatus() is a read: a 500 is retried", async () => {
    let calls = 0;
    const webflow = createWebflowClient({
      customerToken: "ct-1234567890",
      baseUrl: BASE_URL,
      initialRetryDelay: 1,
      fetch: async () => (++calls === 1 ? json({}, 500) : json({ status: "Authorised" })),
    });
    await expect(webflow.consents.getStatus({ bankSlug: "barclays" })).resolves.toEqual({ status: "Authorised" });
    expect(calls).toBe(2);
  });

  test("null options and missing params are PlankyValidationErrors, not TypeErrors", async () => {
    expect(() => createWebflowClient(null as never)).toThrow(PlankyValidationError);
    const webflow = createWebflowClient({
      customerToken: "ct-1234567890",
      baseUrl: BASE_URL,
      fetch: async () => json({}),
    });
    await expect(webflow.consents.getStatus(undefined as never)).rejects.toMatchObject({
      name: "PlankyValidationError",
      field: "bankSlug",
    });
  });
});
