/**
 * The "Keeping data in sync" guide (samples/guides/keeping-data-in-sync.ts) against the stateful sandbox (Prism in
 * front checks every request and answer against the spec), after the Quick start's journey and in its order: the
 * webhook URL is registered, the customer signs up and connects a bank (the control API stands in), and the
 * sandbox's own deliveries reach the guide's webhook route, served with `toNodeListener` on 127.0.0.1. Checked: the
 * copy equals a full pull after REPORT_AVAILABLE; a delivery the sandbox repeats on purpose (a webhook fault) is acted
 * on once; a second equal REPORT_UPDATED within the window is not acted on, and the daily job catches up (Pending
 * booked under new ids, no duplicate left); the daily job asks the customer only once the consent is due.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPlankyClient, type Transaction, toNodeListener } from "@planky-kit/client";
import { type RunningSandbox, startSandbox } from "@planky-kit/mock/sandbox";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { callControl } from "./support/sandbox-control";
import { sampleFile } from "./support/spec";

interface Guide {
  db: { transactions: Map<string, Map<string, Transaction>>; cursors: Map<string, string | undefined> };
  webhookRoute: (request: Request) => Promise<Response>;
  dailyJob(): Promise<void>;
}

const SECRET = "3f9c1e7a5b2d4c6e8f0a";
const CLIENT_ID = "sync-guide-client-id";
let sandbox: RunningSandbox;
let route: Server;
let routeUrl: string;
const transactionReads: string[] = [];
const logged: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  vi.stubEnv("PLANKY_BASE_URL", sandbox.url);
  vi.stubEnv("PLANKY_CLIENT_ID", CLIENT_ID);
  vi.stubEnv("PLANKY_CLIENT_SECRET", "sync-guide-client-secret");
  vi.stubEnv("PLANKY_WEBHOOK_SECRET", SECRET);
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    // The guide's syncs read the overlap window (`booking_date_time_from`); the test's full pulls do not.
    const url = new URL(request.url);
    if (url.pathname.endsWith("/transactions") && url.searchParams.has("booking_date_time_from")) {
      transactionReads.push(request.url);
    }
    return realFetch(request);
  });
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
}, 180_000);

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  if (route) await new Promise((resolve) => route.close(resolve));
  await sandbox?.stop();
});

/** The sandbox's control API (not Planky's): what the customer, the bank and Planky's webhook sender do. */
const control = (path: string, body?: unknown) => callControl(sandbox.url, path, body);

test("webhook route → only what changed, acted on once; the daily job catches up and asks when a consent is due", async () => {
  const guide = (await import(sampleFile("guides/keeping-data-in-sync"))) as Guide;
  route = createServer(toNodeListener(guide.webhookRoute));
  route.listen(0, "127.0.0.1");
  await once(route, "listening");
  routeUrl = `http://127.0.0.1:${(route.address() as AddressInfo).port}/planky/webhooks/${SECRET}`;

  // The Quick start's steps 1 and 2 (its own sample does them): the webhook URL, then the customer at sign-up.
  const planky = createPlankyClient({ clientId: CLIENT_ID, clientSecret: "x", baseUrl: sandbox.url });
  await planky.webhooks.create({ url: routeUrl });
  const customerId = (await planky.customers.create({ user_reference: `user-${crypto.randomUUID()}` })).id;
  const fullPull = async () => {
    const all = new Map<string, Transaction>();
    for await (const t of planky.customers.transactions({ customerId })) all.set(t.id, t);
    return all;
  };
  const inSync = async () => expect(guide.db.transactions.get(customerId)).toEqual(await fullPull());
  const delivered = async () => {
    const { data } = await control(`webhooks/deliveries?wait=true&customer_id=${customerId}`);
    expect(data.every((d: { status: number }) => d.status === 200)).toBe(true);
    return data as { webhook_type: string; url: string }[];
  };

  // The customer connects a bank: the sandbox delivers REPORT_AVAILABLE to the guide's route, which syncs.
  await control("consents", { customer_id: customerId, bank_slug: "barclays", status: "Authorised" });
  expect((await delivered()).map((d) => d.webhook_type)).toEqual(["REPORT_AVAILABLE"]);
  await vi.waitFor(() => expect(guide.db.cursors.get(customerId)).toBeDefined(), { timeout: 30_000 });
  await inSync();
  expect(guide.db.transactions.get(customerId)?.size).toBeGreaterThan(30);

  // New Pending transactions; the sandbox delivers that REPORT_UPDATED three times on purpose: acted on once.
  await control("faults/webhooks", { client_id: CLIENT_ID, webhook_type: "REPORT_UPDATED", repeat: 2 });
  transactionReads.length = 0;
  await control("transactions", { customer_id: customerId, bank_slug: "barclays", count: 3, status: "Pending" });
  expect((await delivered()).filter((d) => d.webhook_type === "REPORT_UPDATED")).toHaveLength(3);
  await vi.waitFor(inSync, { timeout: 30_000 });
  expect(transactionReads, "one sync: the window fits one page").toHaveLength(1);
  const pendingIds = [...(guide.db.transactions.get(customerId)?.values() ?? [])]
    .filter((t) => t.status === "Pending")
    .map((t) => t.id);
  expect(pendingIds).toHaveLength(3);

  // The bank books them under new ids (the sandbox's default). Its REPORT_UPDATED equals the last one, within the
  // route's 10 minutes: not acted on. The copy is behind until the daily job.
  transactionReads.length = 0;
  const { booked } = await control("transactions/book", { customer_id: customerId });
  expect(booked).toHaveLength(3);
  await delivered();
  // Had the route acted, its sync would have started as it answered; give a busy machine time to show it.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(transactionReads).toEqual([]);
  expect([...(guide.db.transactions.get(customerId)?.keys() ?? [])]).toEqual(expect.arrayContaining(pendingIds));

  await guide.dailyJob();
  await inSync();
  const copy = guide.db.transactions.get(customerId) as Map<string, Transaction>;
  expect(
    pendingIds.some((id) => copy.has(id)),
    "no Pending duplicate left",
  ).toBe(false);
  for (const { id } of booked) expect(copy.get(id)?.status).toBe("Booked");
  expect(logged, "no consent is due yet: nobody is asked").toEqual([]);

  // 80 days on (the consent's reconfirmation date is 90 days after authorisation in the sandbox): due within 14.
  const [bank] = await planky.customers.listBanks({ customerId });
  const reconfirmBy = Number(bank?.account_consents[0]?.consent_reconfirmation_date);
  expect(reconfirmBy).toBeGreaterThan(Date.now() / 1000 + 80 * 86_400);
  const realNow = Date.now();
  vi.spyOn(Date, "now").mockReturnValue(realNow + 80 * 86_400_000);
  try {
    await guide.dailyJob();
  } finally {
    vi.mocked(Date.now).mockRestore();
  }
  expect(logged).toEqual([
    `ask customer ${customerId} to reconfirm barclays by ${new Date(reconfirmBy * 1000).toISOString().slice(0, 10)}`,
  ]);
}, 120_000);
