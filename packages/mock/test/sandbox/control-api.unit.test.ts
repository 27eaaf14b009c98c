/**
 * The control API's smaller routes and its input checks, called as plain functions (no Prism), so Stryker can run
 * them: what a developer sees when they mistype a route or a field, the return page, the bank page's choices, the
 * logo and invitation pages, and which partition a reset or a delivery listing is about.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeEach, describe, expect, test } from "vitest";
import { handleControlRequest } from "../../src/sandbox/control/control-api";
import { sandboxCore } from "./support";

let core: Awaited<ReturnType<typeof sandboxCore>>;
let bearer: string;

beforeEach(async () => {
  core = await sandboxCore({ clientId: "team-a" });
  bearer = await core.accessToken();
});

/** A raw control request, for answers that are not JSON (a redirect, an SVG, a non-JSON body). */
function control(method: string, path: string, body?: string) {
  return handleControlRequest(
    core.context,
    new Request(`http://sandbox.test${path}`, {
      method,
      ...(body === undefined ? {} : { body, headers: { "content-type": "application/json" } }),
    }),
  );
}

async function newCustomer(reference = "ada") {
  const { body } = await core.call("POST", "/public/v3/customers", {
    auth: bearer,
    body: { user_reference: reference },
  });
  return body as { id: string };
}

describe("routing", () => {
  test("an unknown control route is a 404 that names the method and path it did not find", async () => {
    const { status, body } = await core.call("GET", "/_sandbox/nothing-here");
    expect(status).toBe(404);
    expect(JSON.stringify(body)).toContain("GET /_sandbox/nothing-here");
  });

  test("a trailing slash reaches the same route", async () => {
    await core.call("POST", "/_sandbox/clock", { body: { client_id: "team-a", advance_days: 3 } });
    const slash = await core.call("GET", "/_sandbox/clock/?client_id=team-a");
    expect(slash.status).toBe(200);
    expect(slash.body).toEqual((await core.call("GET", "/_sandbox/clock?client_id=team-a")).body);
    expect(JSON.stringify(slash.body)).toContain("team-a");
  });

  test("the built-in receiver accepts any webhook with 204 and no body", async () => {
    const answer = await control("POST", "/_sandbox/receiver", "{}");
    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe("");
  });

  test("the wrong method on a known path is not served", async () => {
    expect((await core.call("GET", "/_sandbox/consents")).status).toBe(404);
    expect((await core.call("DELETE", "/_sandbox/clock")).status).toBe(404);
    expect((await control("GET", "/_sandbox/receiver")).status).toBe(404);
  });
});

describe("the return page", () => {
  test("echoes the query parameters the bank sent back", async () => {
    const { status, body } = await core.call("GET", "/_sandbox/return?status=Success&consent_id=7&state=abc");
    expect(status).toBe(200);
    expect(body).toEqual({ status: "Success", consent_id: "7", state: "abc" });
  });

  test("without any parameter is a 400 that says what it expected", async () => {
    const { status, body } = await core.call("GET", "/_sandbox/return");
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain("bank's parameters");
  });
});

describe("the simulated bank page", () => {
  async function flowUrl() {
    const customer = await newCustomer();
    const { body: token } = await core.call("POST", `/public/v3/customers/${customer.id}/token`, { auth: bearer });
    await core.call("POST", "/public/v3/allowed-redirect-urls", {
      auth: bearer,
      body: { url: "https://app.test/back" },
    });
    const flow = await core.call("POST", "/public/v3/webflow/banks/barclays/redirect?url=https://app.test/back", {
      auth: `AppUserToken ${token.token}`,
    });
    return new URL(flow.body.url).pathname;
  }

  test("a result other than Authorised or Rejected is a 400 naming `result`, and the consent does not move", async () => {
    const path = await flowUrl();
    const answer = await control("GET", `${path}?result=Maybe`);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('"field":"result"');
    const authorised = await control("GET", path);
    expect(authorised.status).toBe(302);
  });

  test("Authorised (the default) sends the customer back without a decline message", async () => {
    const answer = await control("GET", await flowUrl());
    const back = new URL(answer.headers.get("location") ?? "");
    expect(back.searchParams.get("status")).toBe("Success");
    expect(back.searchParams.has("message")).toBe(false);
  });

  test("an unknown consent id is a 404 that says how to get a bank flow", async () => {
    const answer = await control("GET", "/_sandbox/bank/999999");
    expect(answer.status).toBe(404);
    expect(await answer.text()).toContain("createBankFlowUrl");
  });
});

describe("bank logos and invitation pages", () => {
  test("a known bank's logo is SVG; an unknown bank's is a 404", async () => {
    const logo = await control("GET", "/_sandbox/banks/barclays/logo.svg");
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/svg+xml");
    expect(await logo.text()).toContain("<svg");
    expect((await control("GET", "/_sandbox/banks/no-such-bank/logo.svg")).status).toBe(404);
  });

  test("an invitation's URL shows that invitation; another id is a 404", async () => {
    await newCustomer("invited");
    const { body: invitation } = await core.call("POST", "/public/v3/invitations", {
      auth: bearer,
      body: { reference: "invited", email: "ada@example.test" },
    });
    const page = await core.call("GET", new URL(invitation.url).pathname);
    expect(page.status).toBe(200);
    expect(page.body).toEqual(invitation);
    const other = await core.call("GET", "/_sandbox/invitations/424242");
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).toContain("No such invitation");
  });
});

describe("input checks", () => {
  test("POST /_sandbox/consents accepts a numeric customer_id, and names an empty bank_slug and a bad status", async () => {
    const customer = await newCustomer();
    const numeric = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: Number(customer.id), bank_slug: "barclays", status: "AwaitingAuthorisation" },
    });
    expect(numeric.status).toBe(200);
    const bad = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: 1.5, bank_slug: "", status: "Sideways" },
    });
    expect(bad.status).toBe(400);
    const fields = JSON.stringify(bad.body);
    for (const field of ["customer_id", "bank_slug", "status"]) expect(fields).toContain(`"field":"${field}"`);
  });

  test("POST /_sandbox/consents for an unknown bank is a 404 naming the bank", async () => {
    const customer = await newCustomer();
    const { status, body } = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: "no-such-bank", status: "Authorised" },
    });
    expect(status).toBe(404);
    expect(JSON.stringify(body)).toContain("no-such-bank");
  });

  test("a body that is not a JSON object is refused by every POST that reads one", async () => {
    for (const path of ["/_sandbox/consents", "/_sandbox/webhooks", "/_sandbox/reset", "/_sandbox/faults"]) {
      const answer = await control("POST", path, "[1, 2]");
      expect(answer.status, path).toBe(400);
      expect(await answer.text(), path).toContain("must be a JSON object");
    }
  });

  test("POST /_sandbox/webhooks needs a customer_id, and an unknown customer is a 404", async () => {
    const missing = await core.call("POST", "/_sandbox/webhooks", { body: { webhook_type: "REPORT_AVAILABLE" } });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('"field":"customer_id"');
    const unknown = await core.call("POST", "/_sandbox/webhooks", {
      body: { webhook_type: "REPORT_AVAILABLE", customer_id: 987654 },
    });
    expect(unknown.status).toBe(404);
  });

  test("a client_id that is not a string is a 400 that says it came in the body", async () => {
    const { status, body } = await core.call("POST", "/_sandbox/reset", { body: { client_id: 42 } });
    expect(status).toBe(400);
    expect(body).toMatchObject({ errors: [{ in: "body", field: "client_id", problem: "must be a string" }] });
  });
});

describe("which partition a call is about", () => {
  test("a reset with a client_id forgets only that partition, and says which", async () => {
    const customer = await newCustomer();
    const other = await sandboxCore();
    const reset = await core.call("POST", "/_sandbox/reset", { body: { client_id: "someone-else" } });
    expect(reset.body).toEqual({ reset: true, client_id: "someone-else" });
    const still = await core.call("GET", "/public/v3/customers", { auth: bearer });
    expect(JSON.stringify(still.body)).toContain(`"id":"${customer.id}"`);
    const everything = await other.call("POST", "/_sandbox/reset", { body: {} });
    expect(everything.body).toEqual({ reset: true });
  });

  test("a reset also disarms that client's faults", async () => {
    const armed = await core.call("POST", "/_sandbox/faults", {
      body: { client_id: "team-a", operation_id: "listCustomers", status: 429 },
    });
    expect(armed.status).toBe(200);
    expect((await core.call("GET", "/_sandbox/faults?client_id=team-a")).body.data).toHaveLength(1);
    await core.call("POST", "/_sandbox/reset?client_id=team-a");
    expect((await core.call("GET", "/_sandbox/faults?client_id=team-a")).body.data).toEqual([]);
  });

  test("DELETE /_sandbox/faults clears one client's faults and says how many", async () => {
    await core.call("POST", "/_sandbox/faults", {
      body: { client_id: "team-a", operation_id: "listCustomers", status: 429 },
    });
    await core.call("POST", "/_sandbox/faults", {
      body: { client_id: "team-b", operation_id: "listCustomers", status: 429 },
    });
    const cleared = await core.call("DELETE", "/_sandbox/faults?client_id=team-a");
    expect(cleared.body).toEqual({ cleared: 1 });
    expect((await core.call("GET", "/_sandbox/faults")).body.data).toHaveLength(1);
  });

  test("GET /_sandbox/webhooks/deliveries?client_id= lists only that partition's deliveries, oldest first", async () => {
    const customer = await newCustomer();
    await core.call("POST", "/public/v3/webhooks", {
      auth: bearer,
      body: { url: "http://sandbox.test/_sandbox/receiver" },
    });
    for (const type of ["REPORT_AVAILABLE", "ACCOUNT_AUTHORIZATION_LOST"]) {
      await core.call("POST", "/_sandbox/webhooks", { body: { webhook_type: type, customer_id: customer.id } });
    }
    const mine = await core.call("GET", "/_sandbox/webhooks/deliveries?client_id=team-a&wait=true");
    expect(mine.body.data.map((d: { webhook_type: string }) => d.webhook_type)).toEqual([
      "REPORT_AVAILABLE",
      "ACCOUNT_AUTHORIZATION_LOST",
    ]);
    expect((await core.call("GET", "/_sandbox/webhooks/deliveries?client_id=nobody")).body.data).toEqual([]);
  });
});

describe("what each refusal says", () => {
  const problemsOf = async (path: string, body: unknown) => (await core.call("POST", path, { body })).body.errors;

  test("a body that is not a JSON object is one problem about the whole body", async () => {
    for (const path of ["/_sandbox/consents", "/_sandbox/webhooks", "/_sandbox/reset", "/_sandbox/faults"]) {
      const answer = await control("POST", path, "[1]");
      expect((await answer.json()).errors, path).toEqual([
        { in: "body", field: "", problem: expect.stringMatching(/^must be a JSON object/) },
      ]);
    }
  });

  test("POST /_sandbox/consents says what each field must be", async () => {
    expect(await problemsOf("/_sandbox/consents", { customer_id: "", bank_slug: 7, status: "Sideways" })).toEqual([
      { in: "body", field: "customer_id", problem: "is required (string)" },
      { in: "body", field: "bank_slug", problem: "is required (string), e.g. barclays" },
      { in: "body", field: "status", problem: expect.stringContaining('"Authorised"') },
    ]);
  });

  test("a customer_id that is neither a string nor a whole number is refused, not looked up", async () => {
    const customer = await newCustomer();
    for (const customer_id of [true, "", { id: customer.id }]) {
      const { status, body } = await core.call("POST", "/_sandbox/consents", {
        body: { customer_id, bank_slug: "barclays", status: "Authorised" },
      });
      expect(status, JSON.stringify(customer_id)).toBe(400);
      expect(body.errors).toEqual([expect.objectContaining({ field: "customer_id" })]);
    }
  });

  test("a bank_slug that is not a string is a 400 naming it, even when everything else is right", async () => {
    const customer = await newCustomer();
    const { status, body } = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customer.id, bank_slug: 7, status: "Authorised" },
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: "bank_slug" })]);
  });

  test("an unknown customer's 404 names the id, on consents and on webhooks", async () => {
    const consent = await core.call("POST", "/_sandbox/consents", {
      body: { customer_id: "777777", bank_slug: "barclays", status: "Authorised" },
    });
    expect(consent.body.message).toBe("No customer with id 777777");
    const webhook = await core.call("POST", "/_sandbox/webhooks", {
      body: { webhook_type: "REPORT_AVAILABLE", customer_id: "777777" },
    });
    expect(webhook.body.message).toBe("No customer with id 777777");
  });

  test("POST /_sandbox/webhooks lists the webhook types it knows, and says customer_id is required", async () => {
    const unknown = await problemsOf("/_sandbox/webhooks", { webhook_type: "NOPE", customer_id: "1" });
    expect(unknown).toEqual([
      { in: "body", field: "webhook_type", problem: expect.stringContaining('"REPORT_AVAILABLE"') },
    ]);
    expect(await problemsOf("/_sandbox/webhooks", { webhook_type: "REPORT_AVAILABLE" })).toEqual([
      { in: "body", field: "customer_id", problem: "is required" },
    ]);
  });

  test("the return page and the bank page say what they expected", async () => {
    expect((await core.call("GET", "/_sandbox/return")).body.errors).toEqual([
      { in: "query", field: "status", problem: "is missing: this page expects the bank's parameters" },
    ]);
    const customer = await newCustomer();
    const { body: token } = await core.call("POST", `/public/v3/customers/${customer.id}/token`, { auth: bearer });
    await core.call("POST", "/public/v3/allowed-redirect-urls", { auth: bearer, body: { url: "https://app.test/b" } });
    const flow = await core.call("POST", "/public/v3/webflow/banks/barclays/redirect?url=https://app.test/b", {
      auth: `AppUserToken ${token.token}`,
    });
    const answer = await control("GET", `${new URL(flow.body.url).pathname}?result=Maybe`);
    expect((await answer.json()).errors).toEqual([
      { in: "query", field: "result", problem: 'must be "Authorised" or "Rejected"' },
    ]);
  });

  test("a page path with anything after it is not that page", async () => {
    const customer = await newCustomer("invited");
    const { body: invitation } = await core.call("POST", "/public/v3/invitations", {
      auth: bearer,
      body: { reference: "invited", email: "ada@example.test" },
    });
    const invitationPath = new URL(invitation.url).pathname;
    expect((await control("GET", `${invitationPath}/more`)).status).toBe(404);
    expect((await control("GET", "/_sandbox/banks/barclays/logo.svg/more")).status).toBe(404);
    const { body: token } = await core.call("POST", `/public/v3/customers/${customer.id}/token`, { auth: bearer });
    await core.call("POST", "/public/v3/allowed-redirect-urls", { auth: bearer, body: { url: "https://app.test/b" } });
    const flow = await core.call("POST", "/public/v3/webflow/banks/barclays/redirect?url=https://app.test/b", {
      auth: `AppUserToken ${token.token}`,
    });
    const more = await control("GET", `${new URL(flow.body.url).pathname}/more`);
    expect(more.status).toBe(404);
    expect(await more.text()).toContain("The control API has no GET");
  });

  test("several trailing slashes still reach the route", async () => {
    const answer = await core.call("GET", "/_sandbox/clock///?client_id=team-a");
    expect(answer.status).toBe(200);
  });

  test("arming a fault answers the armed fault", async () => {
    const { body } = await core.call("POST", "/_sandbox/faults", {
      body: { client_id: "team-a", operation_id: "listCustomers", status: 429 },
    });
    expect(body.fault).toMatchObject({ client_id: "team-a", operation_id: "listCustomers", id: expect.any(Number) });
  });
});

describe("the delivery listing", () => {
  test("lists every partition's deliveries by id, oldest first, interleaved as they were sent", async () => {
    // A sandbox that takes any client id: two partitions, each with a customer and the built-in receiver.
    const multi = await sandboxCore();
    const customerOf = async (clientId: string) => {
      const { body: token } = await multi.call("POST", "/oauth/v2/token", {
        body: { client_id: clientId, client_secret: "s", grant_type: "client_credentials" },
      });
      const auth = `Bearer ${token.access_token}`;
      const { body: customer } = await multi.call("POST", "/public/v3/customers", {
        auth,
        body: { user_reference: clientId },
      });
      await multi.call("POST", "/public/v3/webhooks", { auth, body: { url: "http://sandbox.test/_sandbox/receiver" } });
      return customer.id as string;
    };
    const a = await customerOf("team-a");
    const b = await customerOf("team-b");
    const send = (customer_id: string, webhook_type: string) =>
      multi.call("POST", "/_sandbox/webhooks", { body: { webhook_type, customer_id } });
    await send(a, "REPORT_AVAILABLE");
    await send(b, "REPORT_AVAILABLE");
    await send(a, "ACCOUNT_AUTHORIZATION_LOST");
    const { body } = await multi.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
    // Without the sort by id, team-a's two deliveries would come before team-b's.
    expect(body.data.map((d: { webhook_type: string }) => d.webhook_type)).toEqual([
      "REPORT_AVAILABLE",
      "REPORT_AVAILABLE",
      "ACCOUNT_AUTHORIZATION_LOST",
    ]);
  });

  test("without ?wait=true the listing answers at once, with a held delivery still pending", async () => {
    const held = createServer(() => {
      // Never answers: the delivery stays pending until the server is closed.
    });
    held.listen(0, "127.0.0.1");
    await once(held, "listening");
    try {
      const customer = await newCustomer();
      const url = `http://127.0.0.1:${(held.address() as AddressInfo).port}/hook`;
      await core.call("POST", "/public/v3/webhooks", { auth: bearer, body: { url } });
      const arrived = once(held, "request");
      await core.call("POST", "/_sandbox/webhooks", {
        body: { webhook_type: "REPORT_AVAILABLE", customer_id: customer.id },
      });
      await arrived;
      const { body } = await core.call("GET", "/_sandbox/webhooks/deliveries");
      expect(body.data).toEqual([expect.objectContaining({ url, pending: true })]);
    } finally {
      held.closeAllConnections();
      await new Promise((resolve) => held.close(resolve));
      await core.call("GET", "/_sandbox/webhooks/deliveries?wait=true");
    }
  });
});
