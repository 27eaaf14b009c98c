/**
 * The control API and the state behind the API, called directly (no Prism, which the other sandbox tests put in
 * front): consent transitions and the webhooks they deliver, one-off webhooks, deliveries, reset, the state file.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type Receiver, sandboxCore, startReceiver } from "./support";

let receiver: Receiver;
let core: Awaited<ReturnType<typeof sandboxCore>>;
let bearer: string;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.stop());

beforeEach(async () => {
  receiver.status = 200;
  receiver.bodies.length = 0;
  core = await sandboxCore();
  bearer = await core.accessToken();
});

async function customerWithReceiver(reference = "user-1") {
  const { body: customer } = await core.call("POST", "/public/v3/customers", {
    auth: bearer,
    body: { user_reference: reference },
  });
  const registered = await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url: receiver.url } });
  expect(registered.status).toBe(200);
  return customer as { id: string; user_reference: string };
}

describe("POST /_sandbox/consents", () => {
  test("the first Authorised delivers REPORT_AVAILABLE (numeric customer_id) and records the receiver's status", async () => {
    const customer = await customerWithReceiver();
    receiver.status = 202;
    const { status, body } = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" },
    });
    expect(status).toBe(200);
    expect(body.consent.status).toBe("Authorised");
    // Delivered in the background: the answer lists it as pending; `?wait=true` waits for its result.
    expect(body.deliveries).toMatchObject([{ webhook_type: "REPORT_AVAILABLE", url: receiver.url, pending: true }]);
    const { body: listed } = await core.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
    expect(receiver.bodies.map((b) => JSON.parse(b))).toEqual([
      { msg: expect.any(String), customer_id: Number(customer.id), webhook_type: "REPORT_AVAILABLE" },
    ]);
    expect(listed.data).toEqual([{ ...body.deliveries[0], status: 202, pending: undefined }]);
    expect(listed.data[0]).not.toHaveProperty("pending");
  });

  test("a second Authorised (another bank) sends no second REPORT_AVAILABLE; Revoked after Authorised sends ACCOUNT_AUTHORIZATION_LOST", async () => {
    const customer = await customerWithReceiver();
    const set = (bank: string, status: string) =>
      core.call("POST", "/_sandbox/consents", { body: { customer_id: customer.id, bank_slug: bank, status } });
    await set("barclays", "Authorised");
    expect((await set("hsbc", "Authorised")).body.deliveries).toEqual([]);
    const revoked = await set("barclays", "Revoked");
    // One per account the consent covered (accounts-line-up.test.ts checks the ids against Get Accounts).
    expect(revoked.body.deliveries.length).toBeGreaterThanOrEqual(1);
    for (const delivery of revoked.body.deliveries) expect(delivery.webhook_type).toBe("ACCOUNT_AUTHORIZATION_LOST");
    const { body: listed } = await core.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
    expect(listed.data.at(-1)).toMatchObject({ webhook_type: "ACCOUNT_AUTHORIZATION_LOST", status: 200 });
    expect(JSON.parse(receiver.bodies.at(-1) ?? "")).toMatchObject({
      webhook_type: "ACCOUNT_AUTHORIZATION_LOST",
      customer_id: Number(customer.id),
      account_id: expect.any(Number),
    });
  });

  test("the deliveries list filters by customer_id (the payload's number, asked as text) and webhook_type; an empty filter is a 400", async () => {
    const ada = await customerWithReceiver("user-ada");
    const { body: bob } = await core.call("POST", "/public/v3/customers", {
      auth: bearer,
      body: { user_reference: "user-bob" },
    });
    for (const who of [ada.id, bob.id]) {
      await core.call("POST", "/_sandbox/consents", {
        body: { customer_id: who, bank_slug: "barclays", status: "Authorised" },
      });
    }
    await core.call("POST", "/_sandbox/webhooks", { body: { webhook_type: "NEW_EVENT", customer_id: Number(bob.id) } });
    const list = async (query: string) =>
      (await core.call("GET", `/_sandbox/webhooks/deliveries?wait=true&${query}`)).body.data.map(
        (d: { webhook_type: string; payload: { customer_id: number } }) => `${d.webhook_type} ${d.payload.customer_id}`,
      );
    expect(await list(`customer_id=${bob.id}`)).toEqual([`REPORT_AVAILABLE ${bob.id}`, `NEW_EVENT ${bob.id}`]);
    expect(await list("webhook_type=REPORT_AVAILABLE")).toEqual([
      `REPORT_AVAILABLE ${ada.id}`,
      `REPORT_AVAILABLE ${bob.id}`,
    ]);
    expect(await list(`customer_id=${ada.id}&webhook_type=NEW_EVENT`)).toEqual([]);
    const empty = await core.call("GET", "/_sandbox/webhooks/deliveries?customer_id=&webhook_type=");
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(["customer_id", "webhook_type"]);
  });

  test("AwaitingAuthorisation creates the consent without a webhook; status changes move status_update_date_time only", async () => {
    const customer = await customerWithReceiver();
    const first = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "barclays", status: "AwaitingAuthorisation" },
    });
    expect(first.body.deliveries).toEqual([]);
    expect(first.body.consent).toMatchObject({ status: "AwaitingAuthorisation", expiration_date_time: null });
    const second = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "barclays", status: "Rejected" },
    });
    expect(second.body.consent.consent_id).toBe(first.body.consent.consent_id);
    expect(second.body.consent.creation_date_time).toBe(first.body.consent.creation_date_time);
  });

  test("names each bad field, and answers 404 for an unknown customer", async () => {
    const bad = await core.call("POST", "/_sandbox/consents", { body: { bank_slug: "", status: "Approved" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(["customer_id", "bank_slug", "status"]);
    const unknown = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: "999", bank_slug: "barclays", status: "Authorised" },
    });
    expect(unknown.status).toBe(404);
  });
});

describe("POST /_sandbox/webhooks", () => {
  test("delivers one webhook now, with the given extra fields; an unreachable receiver is recorded with status null", async () => {
    const customer = await customerWithReceiver();
    await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url: "http://127.0.0.1:9/nobody" } });
    const { status, body } = await core.call("POST", "/_sandbox/webhooks", {
      body: { webhook_type: "NEW_EVENT", customer_id: Number(customer.id), event_id: 77 },
    });
    expect(status).toBe(200);
    expect(body.deliveries).toHaveLength(2);
    const { body: listed } = await core.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
    expect(JSON.parse(receiver.bodies[0] ?? "")).toMatchObject({ webhook_type: "NEW_EVENT", event_id: 77 });
    const [ok, failed] = listed.data;
    expect(ok).toMatchObject({ url: receiver.url, status: 200 });
    expect(failed).toMatchObject({ url: "http://127.0.0.1:9/nobody", status: null, error: expect.any(String) });
  });

  test("refuses an unknown webhook_type and a payload the spec's schema rejects, naming the field", async () => {
    const customer = await customerWithReceiver();
    const unknown = await core.call("POST", "/_sandbox/webhooks", {
      body: { webhook_type: "PAYMENT_DONE", customer_id: customer.id },
    });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: "webhook_type" }] } });
    const invalid = await core.call("POST", "/_sandbox/webhooks", {
      body: { webhook_type: "NEW_EVENT", customer_id: customer.id, event_id: "seven" },
    });
    expect(invalid).toMatchObject({ status: 400, body: { errors: [{ field: "event_id" }] } });
    expect(receiver.bodies).toEqual([]);
  });
});

test("a user_reference already used is refused with a 400 naming it (the sandbox's choice: Planky is silent)", async () => {
  await customerWithReceiver("taken");
  const again = await core.call("POST", "/public/v3/customers", { auth: bearer, body: { user_reference: "taken" } });
  expect(again).toMatchObject({ status: 400, body: { errors: [{ in: "body", field: "user_reference" }] } });
  expect(core.context.state.partition("id").values("customers")).toHaveLength(1);
});

test("POST /_sandbox/reset forgets customers, tokens and receivers", async () => {
  await customerWithReceiver();
  expect((await core.call("POST", "/_sandbox/reset")).status).toBe(200);
  expect(core.context.state.partitions()).toEqual([]);
  // The access token was forgotten too.
  expect(
    (await core.call("POST", "/public/v3/customers", { auth: bearer, body: { user_reference: "x" } })).status,
  ).toBe(401);
});

describe("--state file.json", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "planky-sandbox-state-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("customers, tokens and consents survive a restart on the same file", async () => {
    const stateFile = join(dir, "state.json");
    const before = await sandboxCore({ stateFile });
    const auth = await before.accessToken();
    const { body: customer } = await before.call("POST", "/public/v3/customers", {
      auth,
      body: { user_reference: "u" },
    });
    const { body: token } = await before.call("POST", `/public/v3/customers/${customer.id}/token`, { auth });
    await before.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" },
    });

    const after = await sandboxCore({ stateFile });
    const status = await after.call("GET", "/public/v3/webflow/banks/barclays/consent/status", {
      auth: `AppUserToken ${token.token}`,
    });
    expect(status).toMatchObject({ status: 200, body: { status: "Authorised" } });
    const listed = await after.call("GET", "/public/v3/customers", { auth: await after.accessToken() });
    expect(listed.body.data).toEqual([customer]);
  });

  test("a file that is not sandbox state is refused with a message naming it", async () => {
    const stateFile = join(dir, "package.json");
    await import("node:fs/promises").then((fs) => fs.writeFile(stateFile, '{"name":"x"}'));
    await expect(sandboxCore({ stateFile })).rejects.toThrow(
      `${stateFile} line 1: version must be 2 (got undefined); a file from an older @planky-kit/mock cannot be read. It is not a sandbox state file`,
    );
  });
});
