/**
 * One 404 wording per missing thing, whichever operation meets it: an unknown bank, an unknown customer and a
 * missing consent read the same from the server-side reads, the webflow calls and the control API.
 */
import { beforeEach, expect, test } from "vitest";
import { sandboxCore } from "./support";

let core: Awaited<ReturnType<typeof sandboxCore>>;
let bearer: string;
let appUser: string;
let customerId: string;

beforeEach(async () => {
  core = await sandboxCore();
  bearer = await core.accessToken();
  const { body: customer } = await core.call("POST", "/public/v3/customers", {
    auth: bearer,
    body: { user_reference: "user-404" },
  });
  customerId = customer.id;
  const { body: token } = await core.call("POST", `/public/v3/customers/${customerId}/token`, { auth: bearer });
  appUser = `AppUserToken ${token.token}`;
});

test("an unknown bank: the same message from every operation that takes a bank slug", async () => {
  const answers = await Promise.all([
    core.call("GET", `/public/v3/customers/${customerId}/bank/monzo/consent/account`, { auth: bearer }),
    core.call("GET", "/public/v3/webflow/banks/monzo/consent/status", { auth: appUser }),
    core.call("DELETE", "/public/v3/webflow/banks/monzo/consent/delete", { auth: appUser }),
    core.call("POST", "/public/v3/webflow/banks/monzo/consent", { auth: appUser, body: {} }),
    core.call("POST", "/_sandbox/consents", {
      body: { customer_id: customerId, bank_slug: "monzo", status: "Authorised" },
    }),
  ]);
  for (const answer of answers) {
    expect(answer).toEqual({
      status: 404,
      body: { message: "No bank monzo in the sandbox (see GET /public/v3/webflow/banks)" },
    });
  }
});

test("no consent yet at a known bank: the same message from the server-side read and the webflow calls", async () => {
  const answers = await Promise.all([
    core.call("GET", `/public/v3/customers/${customerId}/bank/barclays/consent/account`, { auth: bearer }),
    core.call("GET", "/public/v3/webflow/banks/barclays/consent/status", { auth: appUser }),
    core.call("DELETE", "/public/v3/webflow/banks/barclays/consent/delete", { auth: appUser }),
  ]);
  for (const answer of answers) {
    expect(answer).toEqual({ status: 404, body: { message: `Customer ${customerId} has no consent at barclays` } });
  }
});

test("an unknown customer: named as such, not as a missing consent", async () => {
  const answers = await Promise.all([
    core.call("GET", "/public/v3/customers/999999/bank/barclays/consent/account", { auth: bearer }),
    core.call("GET", "/public/v3/customers/999999/banks", { auth: bearer }),
    core.call("POST", "/_sandbox/consents", {
      body: { customer_id: "999999", bank_slug: "barclays", status: "Authorised" },
    }),
  ]);
  for (const answer of answers) {
    expect(answer).toEqual({ status: 404, body: { message: "No customer with id 999999" } });
  }
});
