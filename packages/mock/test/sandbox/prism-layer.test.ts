/**
 * The sandbox cannot drift from the spec: Prism (proxy mode, `--errors`) checks every answer. Here the API behind
 * Prism is broken on purpose (a consent status the spec's enum does not allow); the caller gets Prism's 500
 * naming the violation, never the broken body.
 */
import { type APIError, createPlankyClient, InternalServerError } from "@planky-kit/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchSandbox, type RunningSandbox } from "../../src/sandbox/start";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await launchSandbox({}, (api) => async (request) => {
    const response = await api(request);
    if (!new URL(request.url).pathname.endsWith("/consent/status") || response.status !== 200) return response;
    const body = await response.json();
    return Response.json({ ...body, status: "Approved" });
  });
}, 180_000);
afterAll(() => sandbox?.stop());

test("a consent status outside the spec's enum becomes Prism's 500 naming response body status", async () => {
  const planky = createPlankyClient({ clientId: "id", clientSecret: "secret", baseUrl: sandbox.url, maxRetries: 0 });
  const customer = await planky.customers.create({ user_reference: "user-1" });
  const { token } = await planky.customers.createToken({ customerId: customer.id });
  const set = await fetch(`${sandbox.url}/_sandbox/consents`, {
    method: "POST",
    body: JSON.stringify({ customer_id: customer.id, bank_slug: "barclays", status: "Authorised" }),
  });
  expect(set.status).toBe(200);

  const error = await planky.consents.getStatus({ bankSlug: "barclays", customerToken: token }).catch((e) => e);
  expect(error).toBeInstanceOf(InternalServerError);
  const { body, status } = error as APIError;
  expect(status).toBe(500);
  expect(body).toMatchObject({
    type: "https://stoplight.io/prism/errors#VIOLATIONS",
    validation: [{ location: ["response", "body", "status"], code: "enum" }],
  });
  expect(JSON.stringify(body)).not.toContain("Approved");
});

test("answers the API did not break still pass through unchanged", async () => {
  const planky = createPlankyClient({ clientId: "id", clientSecret: "secret", baseUrl: sandbox.url, maxRetries: 0 });
  await expect(planky.customers.create({ user_reference: "user-2" })).resolves.toMatchObject({
    user_reference: "user-2",
  });
});
