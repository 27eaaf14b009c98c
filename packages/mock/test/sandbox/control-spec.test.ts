/**
 * Both doors from a spec: the control API serves exactly the operations of spec/flows/sandbox-control.openapi.yaml
 * (routed by operationId, like Planky's API from openapi.yaml), checks request bodies against it, and refuses to
 * start with a handler for a route its spec does not describe or an operation no one serves.
 */
import { describe, expect, test } from "vitest";
import { matchRoute } from "../../src/sandbox/api/routes";
import { controlRoutes, handleControlRequest } from "../../src/sandbox/control/control-api";
import { buildControlRoutes, type ControlHandlers, controlOperations } from "../../src/sandbox/control/control-routes";
import { sandboxCore } from "./support";

const answer = () => new Response(null, { status: 204 });
const everyHandler = () =>
  Object.fromEntries(controlOperations.map((op) => [op.id, answer])) as unknown as ControlHandlers;

/** A concrete path for a template: `{consent_id}` → `x-1`. */
const concrete = (template: string) => template.replace(/\{[^}]+\}/g, "x-1");

describe("the routes come from the spec", () => {
  test("a handler for an operation the spec lacks stops the sandbox at start, naming it", () => {
    const handlers = { ...everyHandler(), listSandboxCustomers: answer } as ControlHandlers;
    expect(() => buildControlRoutes(handlers)).toThrow(/routes its spec does not describe: listSandboxCustomers/);
  });

  test("an operation of the spec without a handler stops the sandbox at start, naming it", () => {
    const { armSandboxFault: _dropped, ...rest } = everyHandler();
    expect(() => buildControlRoutes(rest as ControlHandlers)).toThrow(/without a handler: armSandboxFault/);
  });

  test("every operation of the spec is served, and matched to its own operationId", () => {
    const served = controlOperations.filter((op) => op.id !== "sandboxHealth");
    expect(controlRoutes.map((route) => route.operation.id).sort()).toEqual(served.map((op) => op.id).sort());
    for (const op of served) {
      expect(matchRoute(controlRoutes, op.method, concrete(op.path))?.route.operation.id, op.id).toBe(op.id);
    }
  });

  test("the spec describes each route the earlier hand-written router served", () => {
    const paths = controlOperations.map((op) => op.path);
    for (const path of [
      "/_sandbox/consents",
      "/_sandbox/webhooks",
      "/_sandbox/webhooks/deliveries",
      "/_sandbox/reset",
      "/_sandbox/faults",
      "/_sandbox/transactions",
      "/_sandbox/clock",
      "/_sandbox/receiver",
      "/_sandbox/return",
      "/_sandbox/bank/{consent_id}",
      "/_sandbox/banks/{bank_slug}/logo.svg",
      "/_sandbox/invitations/{invitation_id}",
      "/_sandbox/health",
    ]) {
      expect(paths).toContain(path);
    }
  });

  test("a method or path the spec does not describe is a 404 that names it", async () => {
    const core = await sandboxCore();
    for (const [method, path] of [
      ["GET", "/_sandbox/consents"],
      ["PUT", "/_sandbox/faults"],
      ["POST", "/_sandbox/invitations/1"],
      ["GET", "/_sandbox/customers"],
    ] as const) {
      const response = await handleControlRequest(core.context, new Request(`http://sandbox.test${path}`, { method }));
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.text()).toContain(`has no ${method} ${path}`);
    }
  });
});

test("a malformed percent-escape in a path parameter is a 400 naming the parameter, as on the API's side", async () => {
  const core = await sandboxCore();
  const response = await handleControlRequest(core.context, new Request("http://sandbox.test/_sandbox/bank/%E0%A4%A"));
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ errors: [{ in: "path", field: "consent_id" }] });
});

describe("request bodies are checked against the spec", () => {
  test("each wrong field is named once, in the schema's order, with the spec's own words where it has them", async () => {
    const core = await sandboxCore();
    const { status, body } = await core.call("POST", "/_sandbox/transactions", {
      body: { count: 0, bank_slug: "", customer_id: 1.5 },
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { in: "body", field: "customer_id", problem: "is required (string)" },
      { in: "body", field: "bank_slug", problem: "is required (string), e.g. barclays" },
      { in: "body", field: "count", problem: "must be a whole number from 1 to 100000" },
    ]);
  });

  test("a field the schema does not allow is refused, naming it and the fields it knows", async () => {
    const core = await sandboxCore();
    const { status, body } = await core.call("POST", "/_sandbox/faults", {
      body: { operation_id: "createCustomer", status: 500, retries: 3 },
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { in: "body", field: "retries", problem: expect.stringContaining("known: client_id, operation_id, status") },
    ]);
  });

  test("a missing required field is named, and the body's absence counts as an empty object", async () => {
    const core = await sandboxCore();
    const { status, body } = await core.call("POST", "/_sandbox/clock", {});
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ in: "body", field: "advance_days", problem: "is required" }]);
  });

  test("a call whose spec has no body schema takes any body (the receiver)", async () => {
    const core = await sandboxCore();
    const response = await handleControlRequest(
      core.context,
      new Request("http://sandbox.test/_sandbox/receiver", { method: "POST", body: "not json" }),
    );
    expect(response.status).toBe(204);
  });
});
