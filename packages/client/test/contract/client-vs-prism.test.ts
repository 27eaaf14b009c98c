/**
 * Contract tests: the real client against a Prism mock of the spec. A field renamed in the spec but not in the
 * client (or the other way round) fails here, as does a request Prism finds invalid.
 */

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startPrism } from "../../../mock/src/prism-launcher.mjs";
import {
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  type CreateCustomerParams,
  type CreateInvitationParams,
  createPlankyClient,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  OAuthError,
  PermissionDeniedError,
  type PlankyClient,
  RateLimitError,
} from "../../src/index";
import { example } from "../support/spec";

let prism: Awaited<ReturnType<typeof startPrism>>;
let planky: PlankyClient;
const sent: Request[] = [];

beforeAll(async () => {
  prism = await startPrism();
  planky = createPlankyClient({
    clientId: "client-id",
    clientSecret: "client-secret",
    baseUrl: prism.url,
    fetch: (request) => {
      sent.push(request.clone());
      return fetch(request);
    },
  });
});
afterAll(() => prism?.stop());

const noRetry = { maxRetries: 0 };

describe("happy path, in the order a user calls it", () => {
  test("customers.create() resolves with the spec's example customer", async () => {
    const customer = await planky.customers.create(example<CreateCustomerParams>("CreateCustomerRequest"));
    expect(customer).toEqual(example("CreateCustomerResponse"));
  });

  test("the access token came from /oauth/v2/token as JSON client credentials, and is sent as Bearer", async () => {
    const tokenRequest = sent.find((r) => new URL(r.url).pathname === "/oauth/v2/token");
    expect(tokenRequest).toBeDefined();
    expect(tokenRequest?.headers.get("content-type")).toMatch(/application\/json/);
    expect(await tokenRequest?.json()).toEqual({
      client_id: "client-id",
      client_secret: "client-secret",
      grant_type: "client_credentials",
    });
    const customerRequest = sent.find((r) => new URL(r.url).pathname === "/public/v3/customers");
    const { access_token } = example<{ access_token: string }>("TokenResponse");
    expect(customerRequest?.headers.get("authorization")).toBe(`Bearer ${access_token}`);
  });

  test("invitations.create() resolves with the spec's example invitation", async () => {
    const invitation = await planky.invitations.create(example<CreateInvitationParams>("IndividualInvitationRequest"));
    expect(invitation).toEqual(example("IndividualInvitation"));
  });

  test("customers.createToken() resolves with the spec's example token", async () => {
    const { id } = example<{ id: string }>("CreateCustomerResponse");
    await expect(planky.customers.createToken({ customerId: id })).resolves.toEqual(example("CustomerTokenResponse"));
  });

  test("consents.getStatus() sends AppUserToken and resolves with the docs' example", async () => {
    const { token } = example<{ token: string }>("CustomerTokenResponse");
    const consent = await planky.consents.getStatus({ bankSlug: "barclays", customerToken: token });
    expect(consent).toEqual(example("AwaitingAuthorisationFromDocs"));
    const last = sent.at(-1);
    expect(new URL(last?.url ?? "").pathname).toBe("/public/v3/webflow/banks/barclays/consent/status");
    expect(last?.headers.get("authorization")).toBe(`AppUserToken ${token}`);
  });

  test("one token request served every Bearer call", () => {
    expect(sent.filter((r) => new URL(r.url).pathname === "/oauth/v2/token")).toHaveLength(1);
  });

  test("the raw openapi-fetch client is reachable and authenticated", async () => {
    const { data, error, response } = await planky.raw.POST("/public/v3/customers", {
      body: example<CreateCustomerParams>("CreateCustomerRequest"),
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(example("CreateCustomerResponse"));
  });
});

describe("invalid requests are rejected by Prism and surface as typed errors", () => {
  test("an invitation without `email` (possible from untyped JavaScript) is a BadRequestError", async () => {
    const { email: _dropped, ...withoutEmail } = example<CreateInvitationParams>("IndividualInvitationRequest");
    const error = await planky.invitations.create(withoutEmail as CreateInvitationParams, noRetry).catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.status).toBe(400);
    expect(error.body).toEqual(example("MissingEmailError"));
    expect(error.response).toBeInstanceOf(Response);
  });

  test("a customer_type outside the enum is a BadRequestError", async () => {
    const params = { ...example<CreateInvitationParams>("IndividualInvitationRequest"), customer_type: "Person" };
    await expect(planky.invitations.create(params as CreateInvitationParams, noRetry)).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });

  test("a consent-status call without the Authorization header is a 401 from Prism", async () => {
    const { response } = await planky.raw.GET("/public/v3/webflow/banks/{bank_slug}/consent/status", {
      params: { path: { bank_slug: "barclays" } },
      // The raw client adds Bearer only where no Authorization header is set; strip it to send none at all.
      fetch: (request) => {
        const bare = new Request(request);
        bare.headers.delete("authorization");
        return fetch(bare);
      },
    });
    expect(response.status).toBe(401);
  });
});

describe("declared error responses (Prism `Prefer: code=`)", () => {
  const cases = [
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ] as const;

  test.each(cases)("getConsentStatus answering %i throws %o", async (status, ErrorClass) => {
    const { token } = example<{ token: string }>("CustomerTokenResponse");
    const error = await planky.consents
      .getStatus({ bankSlug: "barclays", customerToken: token }, { ...noRetry, headers: { Prefer: `code=${status}` } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.body).toBeTypeOf("object");
  });

  test("429 carries the declared Retry-After header", async () => {
    const error = await planky.customers
      .create(example<CreateCustomerParams>("CreateCustomerRequest"), { ...noRetry, headers: { Prefer: "code=429" } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  test("a 404 on createCustomerToken is a NotFoundError", async () => {
    await expect(
      planky.customers.createToken({ customerId: "does-not-exist" }, { headers: { Prefer: "code=404" } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test("createInvitation can answer 201 with the business example", async () => {
    const invitation = await planky.invitations.create(example<CreateInvitationParams>("BusinessInvitationRequest"), {
      headers: { Prefer: "code=201, example=BusinessInvitation" },
    });
    expect(invitation).toEqual(example("BusinessInvitation"));
  });

  test("a refused token request is an OAuthError with the OAuth2 error code", async () => {
    const refused = createPlankyClient({
      clientId: "client-id",
      clientSecret: "wrong-secret",
      baseUrl: prism.url,
      defaultHeaders: { Prefer: "code=400" },
      maxRetries: 0,
    });
    const error = await refused.customers
      .create(example<CreateCustomerParams>("CreateCustomerRequest"))
      .catch((e) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.status).toBe(400);
    expect(error.oauthError).toBe("invalid_client");
    expect(JSON.stringify(error)).not.toContain("wrong-secret");
  });

  test("an aborted call is an APIUserAbortError", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      planky.customers.create(example<CreateCustomerParams>("CreateCustomerRequest"), { signal: controller.signal }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
  });
});

describe("invitations.list() against Prism", () => {
  test("walks the spec's single-page example and stops (no next link)", async () => {
    const before = sent.length;
    const invitations = [];
    for await (const invitation of planky.invitations.list({ maxPerPage: 1000 })) invitations.push(invitation);
    expect(invitations).toEqual(example<{ data: unknown[] }>("InvitationListSinglePage").data);
    const requests = sent.slice(before);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`)).toEqual([
      "GET /public/v3/invitations?max_per_page=1000",
    ]);
  });

  test("a mock that answers page 1 to every request is caught instead of looping", async () => {
    const pages = planky.invitations.list({}, { headers: { Prefer: "example=FirstOfTwoPages" } }).pages();
    const seen: number[] = [];
    const error = await (async () => {
      for await (const page of pages) seen.push(page.page);
    })().catch((e) => e);
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(InvalidResponseError);
  });
});
