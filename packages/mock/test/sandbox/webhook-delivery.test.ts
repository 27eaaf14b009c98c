/**
 * Webhook delivery runs in the background: a receiver that does not answer never holds up the control call or the
 * simulated bank page that triggered it, `?wait=true` on the deliveries list waits for the results, and a receiver
 * URL on the sandbox's own origin (which would deliver to itself in a loop) is refused. No Prism here.
 */
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { handleControlRequest } from "../../src/sandbox/control/control-api";
import { sandboxCore } from "./support";

/** A receiver that accepts each webhook and answers only when the test releases it. */
async function startHoldingReceiver() {
  const held: ServerResponse[] = [];
  const arrivals: (() => void)[] = [];
  const server = createServer((request, response) => {
    request.resume();
    held.push(response);
    for (const check of arrivals.splice(0)) check();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    held,
    /** Resolves once `count` webhooks are being held. */
    arrived: (count = 1) =>
      new Promise<void>((resolve) => {
        const check = () => (held.length >= count ? resolve() : arrivals.push(check));
        check();
      }),
    release: (status: number) => {
      for (const response of held.splice(0)) response.writeHead(status).end();
    },
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let core: Awaited<ReturnType<typeof sandboxCore>>;
let bearer: string;
let receiver: Awaited<ReturnType<typeof startHoldingReceiver>>;

beforeEach(async () => {
  core = await sandboxCore();
  bearer = await core.accessToken();
  receiver = await startHoldingReceiver();
});
afterEach(() => receiver.stop());

async function customerWith(url: string) {
  const { body: customer } = await core.call("POST", "/public/v3/customers", {
    auth: bearer,
    body: { user_reference: "held" },
  });
  expect((await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url } })).status).toBe(200);
  return customer as { id: string };
}

describe("a receiver that does not answer", () => {
  test("POST /_sandbox/consents answers while the receiver still holds the webhook; ?wait=true then has its status", async () => {
    const customer = await customerWith(receiver.url);
    const set = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" },
    });
    expect(set.status).toBe(200);
    expect(set.body.deliveries).toEqual([expect.objectContaining({ url: receiver.url, status: null, pending: true })]);
    await receiver.arrived();
    const listing = core.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
    receiver.release(202);
    const { body } = await listing;
    expect(body.data).toEqual([expect.objectContaining({ url: receiver.url, status: 202 })]);
    expect(body.data[0]).not.toHaveProperty("pending");
  });

  test("POST /_sandbox/webhooks and the simulated bank page answer while the receiver holds their webhooks", async () => {
    const customer = await customerWith(receiver.url);
    const sent = await core.call("POST", "/_sandbox/webhooks", {
      body: { webhook_type: "NEW_EVENT", customer_id: Number(customer.id) },
    });
    expect(sent.body.deliveries).toEqual([expect.objectContaining({ pending: true })]);

    const { body: token } = await core.call("POST", `/public/v3/customers/${customer.id}/token`, { auth: bearer });
    await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: bearer,
      body: { url: "https://app.test/back" },
    });
    const flow = await core.call("POST", "/public/v3/webflow/banks/barclays/redirect?url=https://app.test/back", {
      auth: `AppUserToken ${token.token}`,
    });
    const bankPage = await handleControlRequest(
      core.context,
      new Request(`http://sandbox.test${new URL(flow.body.url).pathname}`),
    );
    expect(bankPage.status).toBe(302);
    await receiver.arrived(2); // both answers above came while their webhooks were still held
    receiver.release(200);
    const { body } = await core.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
    expect(body.data.map((d: { webhook_type: string; status: number }) => [d.webhook_type, d.status])).toEqual([
      ["NEW_EVENT", 200],
      ["REPORT_AVAILABLE", 200],
    ]);
  });
});

describe("receiver URLs on the sandbox's own origin", () => {
  test.each([
    "http://sandbox.test/_sandbox/webhooks",
    "http://sandbox.test/_sandbox/consents",
    "http://sandbox.test/anything",
    "http://SANDBOX.test:80/x",
  ])("%s is refused with a 400 naming url", async (url) => {
    const { status, body } = await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url } });
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ in: "body", field: "url", problem: expect.stringContaining("sandbox itself") }]);
    expect(core.context.state.partitions().flatMap((p) => p.values("receivers"))).toEqual([]);
  });

  test("loopback names on the sandbox's port are refused too; another port is not", async () => {
    core.context.publicUrl = "http://127.0.0.1:4999";
    for (const url of ["http://localhost:4999/x", "http://127.0.0.1:4999/_sandbox/webhooks", "http://[::1]:4999/"]) {
      const { status } = await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url } });
      expect({ url, status }).toEqual({ url, status: 400 });
    }
    const other = await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url: receiver.url } });
    expect(other.status).toBe(200);
  });

  test("its own /_sandbox/receiver is allowed, and answered in-process with 204 at once", async () => {
    const customer = await customerWith("http://sandbox.test/_sandbox/receiver");
    const set = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" },
    });
    expect(set.body.deliveries).toEqual([
      expect.objectContaining({ url: "http://sandbox.test/_sandbox/receiver", status: 204 }),
    ]);
    expect(set.body.deliveries[0]).not.toHaveProperty("pending");
  });
});
