/**
 * What the sandbox refuses, through the real `@planky-kit/client` and Prism: the rules a stateless mock cannot
 * enforce (who is known, which token belongs to whom), and the spec's own request checks (via Prism).
 */
import {
  AuthenticationError,
  BadRequestError,
  createPlankyClient,
  NotFoundError,
  OAuthError,
  type PlankyClient,
} from "@planky-kit/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index";

let sandbox: RunningSandbox;
let planky: PlankyClient;
let customerToken: string;

beforeAll(async () => {
  sandbox = await startSandbox({ clientId: "team-a", clientSecret: "team-a-secret" });
  planky = createPlankyClient({
    clientId: "team-a",
    clientSecret: "team-a-secret",
    baseUrl: sandbox.url,
    maxRetries: 0,
  });
  const customer = await planky.customers.create({ user_reference: "known-user" });
  ({ token: customerToken } = await planky.customers.createToken({ customerId: customer.id }));
}, 180_000);
afterAll(() => sandbox?.stop());

const consentStatus = (authorization: string) =>
  fetch(`${sandbox.url}/public/v3/webflow/banks/barclays/consent/status`, { headers: { authorization } });

describe("the token endpoint", () => {
  test("refuses other credentials than --client-id/--client-secret with invalid_client", async () => {
    const stranger = createPlankyClient({
      clientId: "team-a",
      clientSecret: "guess",
      baseUrl: sandbox.url,
      maxRetries: 0,
    });
    const error = await stranger.customers.create({ user_reference: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ status: 400, oauthError: "invalid_client" });
  });

  test("a Bearer token it did not issue is refused with 401", async () => {
    const guessed = createPlankyClient({ accessToken: "made-up-token", baseUrl: sandbox.url, maxRetries: 0 });
    await expect(guessed.customers.create({ user_reference: "y" })).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("invitations", () => {
  test("an invitation whose reference matches no customer's user_reference is a 400 naming reference", async () => {
    const error = await planky.invitations
      .create({ email: "ada@example.com", reference: "nobody-has-this", send_email: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).body).toMatchObject({ errors: [{ in: "body", field: "reference" }] });
  });

  test("a body the spec rejects is refused by Prism, turned into the spec's 400 naming the field", async () => {
    const error = await planky.invitations
      .create({ email: "not-an-email", reference: "known-user" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).body).toMatchObject({ errors: [{ in: "body", field: "email" }] });
    expect((error as BadRequestError).headers.get("sl-violations")).toContain("email");
  });
});

describe("customer tokens and the webflow endpoints", () => {
  test("a customer token for a customer that does not exist is a 404", async () => {
    await expect(planky.customers.createToken({ customerId: "424242" })).rejects.toBeInstanceOf(NotFoundError);
  });

  test("an unknown customer token is a 401", async () => {
    const error = await planky.consents
      .getStatus({ bankSlug: "barclays", customerToken: "not-a-token-we-issued" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  test("only exactly `AppUserToken <token>` passes: another scheme, case or spacing is a 401", async () => {
    expect((await consentStatus(`AppUserToken ${customerToken}`)).status).toBe(404); // known, but no consent yet
    for (const wrong of [
      `Bearer ${customerToken}`,
      `appusertoken ${customerToken}`,
      `AppUserToken  ${customerToken}`,
      "Bearer x",
    ]) {
      expect({ wrong, status: (await consentStatus(wrong)).status }).toEqual({ wrong, status: 401 });
    }
  });
});
