/**
 * The bank side of the flow, called directly (no Prism; every answer is still checked against the spec's declared
 * statuses and schemas by `sandboxCore`): bank lists, the consent screen, the bank flow URL and the simulated bank
 * behind it, consent reads with either credential, deleting a consent, and looking customers up by reference.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { operations } from "../../src/operations";
import { routes } from "../../src/sandbox/api/planky-api";
import { matchRoute } from "../../src/sandbox/api/routes";
import { handleControlRequest } from "../../src/sandbox/control/control-api";
import { type Receiver, sandboxCore, startReceiver } from "./support";

let core: Awaited<ReturnType<typeof sandboxCore>>;
let bearer: string;
let customer: { id: string; user_reference: string };
let appUser: string;

beforeEach(async () => {
  core = await sandboxCore();
  bearer = await core.accessToken();
  ({ body: customer } = await core.call("POST", "/public/v3/customers", {
    auth: bearer,
    body: { user_reference: "u-1" },
  }));
  const { body } = await core.call("POST", `/public/v3/customers/${customer.id}/token`, { auth: bearer });
  appUser = `AppUserToken ${body.token}`;
});

test("every operation of the spec has a handler in the sandbox, matched by its own path", () => {
  const missing = operations.filter((op) => {
    const match = matchRoute(routes, op.method, op.path.replace(/\{[^}]+\}/g, "some-id"));
    return match?.route.operation.id !== op.id || !match.route.handler;
  });
  expect(missing.map((op) => op.id)).toEqual([]);
});

describe("a bank flow, end to end", () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
    await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url: receiver.url } });
    await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: bearer,
      body: { url: "https://app.test/back" },
    });
    return () => receiver.stop();
  });

  test("bank flow URL → the simulated bank authorises → redirect with the documented parameters → Authorised", async () => {
    const flow = await core.call("POST", "/public/v3/webflow/banks/barclays/redirect?url=https://app.test/back", {
      auth: appUser,
    });
    expect(flow.status).toBe(200);
    const pending = await core.call("GET", "/public/v3/webflow/banks/barclays/consent/status", { auth: appUser });
    expect(pending.body).toMatchObject({ consent_id: flow.body.consent_id, status: "AwaitingAuthorisation" });

    const answer = await handleControlRequest(
      core.context,
      new Request(`http://sandbox.test${new URL(flow.body.url).pathname}`),
    );
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get("location") ?? "");
    expect(back.origin + back.pathname).toBe("https://app.test/back");
    expect(Object.fromEntries(back.searchParams)).toEqual({
      status: "Success",
      customer_id: customer.id,
      consent_id: flow.body.consent_id,
      state: flow.body.state,
      bank_slug: "barclays",
    });
    const authorised = await core.call("GET", "/public/v3/webflow/banks/barclays/consent/status", { auth: appUser });
    expect(authorised.body.status).toBe("Authorised");
    await core.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
    expect(JSON.parse(receiver.bodies[0] ?? "")).toMatchObject({ webhook_type: "REPORT_AVAILABLE" });
  });

  test("?result=Rejected sends the customer back with status=Error and a message; the consent reads Rejected", async () => {
    const flow = await core.call("POST", "/public/v3/webflow/banks/hsbc/redirect?url=https://app.test/back", {
      auth: appUser,
    });
    const answer = await handleControlRequest(
      core.context,
      new Request(`http://sandbox.test${new URL(flow.body.url).pathname}?result=Rejected`),
    );
    const back = new URL(answer.headers.get("location") ?? "");
    expect(back.searchParams.get("status")).toBe("Error");
    expect(back.searchParams.get("message")).toBeTruthy();
    const rejected = await core.call("GET", "/public/v3/webflow/banks/hsbc/consent/status", { auth: appUser });
    expect(rejected.body.status).toBe("Rejected");
    expect(receiver.bodies).toEqual([]);
  });
});

describe("bank lists and consent reads", () => {
  test("the webflow bank list shows the authorised bank as connected, with an account and its last consent", async () => {
    const before = await core.call("GET", "/public/v3/webflow/banks", { auth: appUser });
    expect(before.body.every((item: { connected: boolean }) => !item.connected)).toBe(true);
    await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" },
    });
    const after = await core.call("GET", "/public/v3/webflow/banks", { auth: appUser });
    const barclays = after.body.find((item: { bank: { slug: string } }) => item.bank.slug === "barclays");
    expect(barclays).toMatchObject({ connected: true, last_account_consent: { status: "Authorised" } });
    // The accounts Get Accounts lists there (accounts-line-up.test.ts checks they are the same ones).
    expect(barclays.accounts.length).toBeGreaterThanOrEqual(1);
    for (const account of barclays.accounts) expect(account).toMatchObject({ is_authorized: true });
  });

  test("the Bearer side reads the same consent: listCustomerBanks and getBankConsent; unknown ones are 404", async () => {
    await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "lloyds", status: "Authorised" },
    });
    const banks = await core.call("GET", `/public/v3/customers/${customer.id}/banks`, { auth: bearer });
    const lloyds = banks.body.data.find((bank: { slug: string }) => bank.slug === "lloyds");
    expect(lloyds.account_consents).toMatchObject([{ status: "Authorised" }]);
    const consent = await core.call("GET", `/public/v3/customers/${customer.id}/bank/lloyds/consent/account`, {
      auth: bearer,
    });
    expect(consent.body.consent_id).toBe(lloyds.account_consents[0].consent_id);
    expect(
      (await core.call("GET", `/public/v3/customers/${customer.id}/bank/hsbc/consent/account`, { auth: bearer }))
        .status,
    ).toBe(404);
    expect((await core.call("GET", "/public/v3/customers/999/banks", { auth: bearer })).status).toBe(404);
  });

  test("deleteConsent forgets the consent: its status is 404 again; a second delete is 404", async () => {
    await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" },
    });
    const deleted = await core.call("DELETE", "/public/v3/webflow/banks/barclays/consent/delete", { auth: appUser });
    expect(deleted).toEqual({ status: 200, body: { status: "success" } });
    expect((await core.call("GET", "/public/v3/webflow/banks/barclays/consent/status", { auth: appUser })).status).toBe(
      404,
    );
    expect(
      (await core.call("DELETE", "/public/v3/webflow/banks/barclays/consent/delete", { auth: appUser })).status,
    ).toBe(404);
  });

  test("the consent screen names the bank; an unknown bank is 404 there, for the bank flow URL and the control API", async () => {
    const screen = await core.call("POST", "/public/v3/webflow/banks/barclays/consent", { auth: appUser, body: {} });
    expect(screen.body.metadata).toMatchObject({ name: "Barclays", slug: "barclays" });
    expect(
      (await core.call("POST", "/public/v3/webflow/banks/nobank/consent", { auth: appUser, body: {} })).status,
    ).toBe(404);
    expect(
      (await core.call("POST", "/public/v3/webflow/banks/nobank/redirect?url=https://app.test/", { auth: appUser }))
        .status,
    ).toBe(404);
    const control = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "nobank", status: "Authorised" },
    });
    expect(control.status).toBe(404);
  });
});

test("listCustomers finds a customer by user_reference (exact match), and lists all without the filter", async () => {
  await core.call("POST", "/public/v3/customers", { auth: bearer, body: { user_reference: "u-10" } });
  const found = await core.call("GET", "/public/v3/customers?by-user-reference=u-1", { auth: bearer });
  expect(found.body).toEqual({ data: [customer] });
  const all = await core.call("GET", "/public/v3/customers", { auth: bearer });
  expect(all.body.data.map((c: { user_reference: string }) => c.user_reference)).toEqual(["u-1", "u-10"]);
});
