/**
 * `Call` is typed from the spec: a resource that names a parameter, body field, path or result the spec does not
 * have does not compile. One block per resource pattern (path parameters, query, JSON body, body + path + query,
 * a list answer's `select`). Checked by `pnpm typecheck` (tsc over test/), part of the test command: an
 * `@ts-expect-error` with no error under it fails the check too, so each case below must really be an error.
 */
import { describe, expectTypeOf, test } from "vitest";
import type { components } from "../../src/generated/schema";
import { type APIPromise, type Loop, send } from "../../src/internal/request";

declare const loop: Loop;

describe("GET with path parameters (consents.getStatus)", () => {
  test("the spec's call compiles and resolves with the operation's body", () => {
    const status = send(loop, {
      method: "GET",
      path: "/public/v3/webflow/banks/{bank_slug}/consent/status",
      params: { path: { bank_slug: "barclays" } },
      auth: "customer",
      safeToRepeat: true,
    });
    expectTypeOf(status).toEqualTypeOf<APIPromise<components["schemas"]["ConsentStatus"]>>();
  });

  test("a misspelt path parameter is an error", () => {
    send(loop, {
      method: "GET",
      path: "/public/v3/webflow/banks/{bank_slug}/consent/status",
      // @ts-expect-error `bank_slugs` is not a parameter of this operation
      params: { path: { bank_slugs: "barclays" } },
      auth: "customer",
      safeToRepeat: true,
    });
  });

  test("a missing required path parameter is an error", () => {
    // @ts-expect-error `params` (with `bank_slug`) is required
    send(loop, {
      method: "GET",
      path: "/public/v3/webflow/banks/{bank_slug}/consent/status",
      auth: "customer",
      safeToRepeat: true,
    });
  });

  test("a wrong use of the result is an error", () => {
    const status = send(loop, {
      method: "GET",
      path: "/public/v3/webflow/banks/{bank_slug}/consent/status",
      params: { path: { bank_slug: "barclays" } },
      auth: "customer",
      safeToRepeat: true,
    });
    // @ts-expect-error a consent status has no `access_token`
    status.then((body) => body.access_token);
  });
});

describe("a call described by a function (how resources validate input first)", () => {
  test("is checked as strictly as an object: a misspelt parameter is an error", () => {
    // @ts-expect-error the parameter is `customer_id`
    send(loop, () => ({
      method: "GET",
      path: "/public/v3/customers/{customer_id}/banks",
      params: { path: { customerId: "1234" } },
      auth: "bearer",
      safeToRepeat: true,
    }));
  });

  test("a misspelt optional query parameter is an error too (no spec parameter in common)", () => {
    // @ts-expect-error the parameter is `by-user-reference`
    send(loop, () => ({
      method: "GET",
      path: "/public/v3/customers",
      params: { query: { by_user_reference: "user-42" } },
      auth: "bearer",
      safeToRepeat: true,
    }));
  });

  // The limit: TypeScript checks a function's returned literal for wrong types and missing fields, not for extra
  // ones, so an extra optional field next to the right ones is an error only in the object form. Resources pass
  // bodies typed by the spec's schema (`CreateCustomerParams`, …), which cannot carry an extra field.
});

describe("GET with a query (customers.findByUserReference)", () => {
  test("a misspelt query parameter is an error", () => {
    send(loop, {
      method: "GET",
      path: "/public/v3/customers",
      // @ts-expect-error the parameter is `by-user-reference`
      params: { query: { by_user_reference: "user-42" } },
      auth: "bearer",
      safeToRepeat: true,
    });
  });

  test("`select` receives the operation's body: `data` is typed, a misspelt field is an error", () => {
    const customers = send(loop, {
      method: "GET",
      path: "/public/v3/customers",
      params: { query: { "by-user-reference": "user-42" } },
      auth: "bearer",
      safeToRepeat: true,
      select: (body) => body.data,
    });
    expectTypeOf(customers).toEqualTypeOf<APIPromise<components["schemas"]["Customer"][]>>();
    send(loop, {
      method: "GET",
      path: "/public/v3/customers",
      params: { query: { "by-user-reference": "user-42" } },
      auth: "bearer",
      safeToRepeat: true,
      // @ts-expect-error the list is `data`, not `items`
      select: (body) => body.items,
    });
  });
});

describe("POST with a JSON body (customers.create, invitations.create, webhooks.create)", () => {
  test("the spec's body compiles; the result is the operation's", () => {
    const customer = send(loop, {
      method: "POST",
      path: "/public/v3/customers",
      body: { user_reference: "user-42" },
      auth: "bearer",
      safeToRepeat: false,
    });
    expectTypeOf(customer).toEqualTypeOf<APIPromise<components["schemas"]["Customer"]>>();
  });

  test("a wrong body field is an error", () => {
    send(loop, {
      method: "POST",
      path: "/public/v3/customers",
      // @ts-expect-error the field is `user_reference`
      body: { user_ref: "user-42" },
      auth: "bearer",
      safeToRepeat: false,
    });
  });

  test("a missing required body is an error", () => {
    // @ts-expect-error the operation requires a body
    send(loop, { method: "POST", path: "/public/v3/webhooks", auth: "bearer", safeToRepeat: false });
  });

  test("a wrong use of the result is an error", async () => {
    const invitation = await send(loop, {
      method: "POST",
      path: "/public/v3/invitations",
      body: { email: "ada@example.com", reference: "user-42" },
      auth: "bearer",
      safeToRepeat: false,
    });
    // @ts-expect-error an invitation's link is `url`, and it is a string
    const link: number = invitation.url;
    expectTypeOf(link).toBeNumber();
  });
});

describe("POST with path, query and body (webflowConsents.createBankFlowUrl)", () => {
  const details = { third_parties: [], sharing_purposes: [] } as unknown as components["schemas"]["DataSharingDetails"];

  test("the spec's call compiles", () => {
    const flow = send(loop, {
      method: "POST",
      path: "/public/v3/webflow/banks/{bank_slug}/redirect",
      params: { path: { bank_slug: "barclays" }, query: { url: "https://example.com/back" } },
      body: details,
      auth: "customer",
      safeToRepeat: false,
    });
    expectTypeOf(flow).toEqualTypeOf<APIPromise<components["schemas"]["BankFlowUrl"]>>();
  });

  test("a misspelt query parameter is an error", () => {
    send(loop, {
      method: "POST",
      path: "/public/v3/webflow/banks/{bank_slug}/redirect",
      // @ts-expect-error the query parameter is `url`
      params: { path: { bank_slug: "barclays" }, query: { redirect_url: "https://example.com/back" } },
      body: details,
      auth: "customer",
      safeToRepeat: false,
    });
  });
});

describe("paths and methods", () => {
  test("a path the spec does not have is an error", () => {
    send(loop, {
      method: "GET",
      // @ts-expect-error no such path in the spec
      path: "/public/v3/customer",
      auth: "bearer",
      safeToRepeat: true,
    });
  });

  test("a method the path does not have is an error", () => {
    send(loop, {
      method: "DELETE",
      // @ts-expect-error `/public/v3/customers` has no DELETE
      path: "/public/v3/customers",
      auth: "bearer",
      safeToRepeat: true,
    });
  });
});
