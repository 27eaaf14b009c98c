/**
 * Every resource method's contract with its caller, method by method: missing or empty parameters are a
 * PlankyValidationError naming the field (nothing sent), and a 500 is retried only by calls that are safe to
 * repeat (reads and deletes), never by creates. Found by mutation testing: most methods had no such case.
 */
import { describe, expect, test } from "vitest";
import { InternalServerError, PlankyValidationError } from "../../src/index";
import { createWebflowClient, type WebflowClient } from "../../src/webflow";
import { BASE_URL, json, stubClient } from "./stub-fetch";

type Server = ReturnType<typeof stubClient>["client"];
type Call<C> = (client: C) => Promise<unknown>;

function webflow(api: () => Response) {
  let calls = 0;
  const client = createWebflowClient({
    customerToken: "ct-1234567890",
    baseUrl: BASE_URL,
    initialRetryDelay: 1,
    maxRetryDelay: 5,
    fetch: async () => {
      calls++;
      return api();
    },
  });
  return { client, calls: () => calls };
}

const serverParams: [string, Call<Server>, string][] = [
  ["customers.findByUserReference()", (c) => c.customers.findByUserReference(undefined as never), "userReference"],
  ["customers.listBanks()", (c) => c.customers.listBanks(undefined as never), "customerId"],
  ["customers.listBanks({ customerId: '' })", (c) => c.customers.listBanks({ customerId: "" }), "customerId"],
  ["customers.getBankConsent()", (c) => c.customers.getBankConsent(undefined as never), "customerId"],
  [
    "customers.getBankConsent({ customerId: '', bankSlug })",
    (c) => c.customers.getBankConsent({ customerId: "", bankSlug: "barclays" }),
    "customerId",
  ],
  [
    "customers.getBankConsent({ customerId })",
    (c) => c.customers.getBankConsent({ customerId: "1" } as never),
    "bankSlug",
  ],
  ["webhooks.create('https://…')", (c) => c.webhooks.create("https://example.com/hook" as never), "params"],
];

const webflowParams: [string, Call<WebflowClient>, string][] = [
  ["consents.getStatus()", (c) => c.consents.getStatus(undefined as never), "bankSlug"],
  ["consents.delete()", (c) => c.consents.delete(undefined as never), "bankSlug"],
  ["consents.delete({ bankSlug: '' })", (c) => c.consents.delete({ bankSlug: "" }), "bankSlug"],
  ["consents.createScreen()", (c) => c.consents.createScreen(undefined as never), "params"],
  ["consents.createScreen({})", (c) => c.consents.createScreen({} as never), "bankSlug"],
  ["consents.createBankFlowUrl()", (c) => c.consents.createBankFlowUrl(undefined as never), "params"],
  [
    "consents.createBankFlowUrl({ url })",
    (c) => c.consents.createBankFlowUrl({ url: "https://app.example/back" } as never),
    "bankSlug",
  ],
];

describe("missing or empty parameters name the field; nothing is sent", () => {
  test.each(serverParams)("server %s: %s", async (_name, call, field) => {
    const s = stubClient({ api: () => json({}) });
    const error = await call(s.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect((error as PlankyValidationError).field).toBe(field);
    expect(s.requests).toHaveLength(0);
  });

  test.each(webflowParams)("webflow %s: %s", async (_name, call, field) => {
    const w = webflow(() => json({}));
    const error = await call(w.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect((error as PlankyValidationError).field).toBe(field);
    expect(w.calls()).toBe(0);
  });
});

const screen = { bankSlug: "barclays", data_sharing_details: {} } as never;
const flow = { bankSlug: "barclays", url: "https://app.example/back" } as never;

describe("a 500: retried by reads and deletes, not by creates", () => {
  test.each([
    ["customers.findByUserReference", (c: Server) => c.customers.findByUserReference({ userReference: "u" }), 3],
    ["customers.listBanks", (c: Server) => c.customers.listBanks({ customerId: "1" }), 3],
    ["customers.getBankConsent", (c: Server) => c.customers.getBankConsent({ customerId: "1", bankSlug: "b" }), 3],
    ["customers.createToken", (c: Server) => c.customers.createToken({ customerId: "1" }), 1],
    ["webhooks.create", (c: Server) => c.webhooks.create({ url: "https://example.com/hook" } as never), 1],
  ] as const)("server %s: %i attempt(s)", async (_name, call, attempts) => {
    const s = stubClient({ api: () => json({}, 500), accessToken: "t" });
    await expect(call(s.client)).rejects.toBeInstanceOf(InternalServerError);
    expect(s.api()).toHaveLength(attempts);
  });

  test.each([
    ["banks.list", (c: WebflowClient) => c.banks.list(), 3],
    ["consents.getStatus", (c: WebflowClient) => c.consents.getStatus({ bankSlug: "b" }), 3],
    ["consents.delete", (c: WebflowClient) => c.consents.delete({ bankSlug: "b" }), 3],
    ["consents.createScreen", (c: WebflowClient) => c.consents.createScreen(screen), 1],
    ["consents.createBankFlowUrl", (c: WebflowClient) => c.consents.createBankFlowUrl(flow), 1],
  ] as const)("webflow %s: %i attempt(s)", async (_name, call, attempts) => {
    const w = webflow(() => json({}, 500));
    await expect(call(w.client)).rejects.toBeInstanceOf(InternalServerError);
    expect(w.calls()).toBe(attempts);
  });
});
