/**
 * `@planky-kit/mock` with the real `@planky-kit/client`: MSW intercepts the client's requests in-process, checks
 * them against the spec and answers the spec's examples or a test's override. No server, no Prism.
 */
import { readFileSync } from "node:fs";
import {
  AuthenticationError,
  BadRequestError,
  type CreateInvitationParams,
  createPlankyClient,
  InternalServerError,
  type Invitation,
  parseWebhook,
  RateLimitError,
} from "@planky-kit/client";
import { specPath } from "@planky-kit/spec/path";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import {
  MockConfigError,
  type MockReply,
  override,
  plankyHandlers,
  type WebhookType,
  webhookExample,
  webhookRequest,
} from "../src/index";

// The spec file itself (not the bundle), so these tests also prove the bundle carries the real examples.
const spec = parse(readFileSync(specPath, "utf8"));
const example = <T = unknown>(name: string): T => structuredClone(spec.components.examples[name].value);

const server = setupServer(...plankyHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () => createPlankyClient({ clientId: "id", clientSecret: "secret", initialRetryDelay: 1 });
const API = "https://api.friendlyscore.com";

describe("default handlers answer the spec's examples", () => {
  test("the real client's happy path, token request included", async () => {
    const planky = client();
    expect(await planky.customers.create({ user_reference: "user-42" })).toEqual(example("CreateCustomerResponse"));
    expect(await planky.invitations.create(example("IndividualInvitationRequest"))).toEqual(
      example("IndividualInvitation"),
    );
    const { token } = await planky.customers.createToken({ customerId: "1234" });
    expect(token).toBe(example<{ token: string }>("CustomerTokenResponse").token);
    expect(await planky.consents.getStatus({ bankSlug: "barclays", customerToken: token })).toEqual(
      example("AwaitingAuthorisationFromDocs"),
    );
    const listed: Invitation[] = [];
    for await (const invitation of planky.invitations.list()) listed.push(invitation);
    expect(listed).toEqual(example<{ data: Invitation[] }>("InvitationListSinglePage").data);
  });
});

describe("every operation in the spec has a handler", () => {
  // biome-ignore lint/suspicious/noExplicitAny: walking untyped YAML.
  type Node = any;
  const deref = (node: Node): Node =>
    node?.$ref
      ? node.$ref
          .slice(2)
          .split("/")
          .reduce((at: Node, key: string) => at[key], spec)
      : node;
  const operations = Object.entries<Node>(spec.paths).flatMap(([path, item]) =>
    Object.entries<Node>(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

  test.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))(
    "%s answers its first 2xx example to a valid request",
    async (_name, { path, method, op }) => {
      const parameters = (op.parameters ?? []).map(deref);
      const pathname = path.replace(/\{([^}]+)\}/g, (_m: string, name: string) => {
        const parameter = parameters.find((p: Node) => p.name === name);
        return encodeURIComponent(parameter.example);
      });
      // A required query parameter (e.g. the bank flow's `url`) is sent with its example, as a valid request must.
      const query = new URLSearchParams(
        parameters.filter((p: Node) => p.in === "query" && p.required).map((p: Node) => [p.name, String(p.example)]),
      );
      const url = query.size > 0 ? `${pathname}?${query}` : pathname;
      const security = op.security ?? spec.security;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (security.length > 0) headers.authorization = security[0].AppUserToken ? "AppUserToken abc" : "Bearer abc";
      const requestMedia = op.requestBody && deref(op.requestBody).content["application/json"];
      const requestExample = requestMedia && deref(Object.values<Node>(requestMedia.examples)[0]).value;
      const response = await fetch(`${API}${url}`, {
        method,
        headers,
        ...(requestExample !== undefined && { body: JSON.stringify(requestExample) }),
      });
      const [status, declared] = Object.entries<Node>(op.responses).find(([s]) => s.startsWith("2")) ?? [];
      expect(response.status).toBe(Number(status));
      const responseExample = Object.values<Node>(deref(declared).content["application/json"].examples)[0];
      expect(await response.json()).toEqual(deref(responseExample).value);
    },
  );
});

describe("requests are checked against the spec", () => {
  test("a missing required body field is a 400 naming the field", async () => {
    const { email: _, ...withoutEmail } = example<CreateInvitationParams>("IndividualInvitationRequest");
    const error = await client()
      .invitations.create(withoutEmail as CreateInvitationParams)
      .catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.body.errors).toEqual([{ in: "body", field: "email", problem: "is required" }]);
    expect(error.body.message).toContain("email");
  });

  test("a value outside an enum and a malformed email are both reported", async () => {
    const params = { ...example<object>("IndividualInvitationRequest"), customer_type: "Person", email: "nope" };
    const error = await client()
      .invitations.create(params as CreateInvitationParams)
      .catch((e) => e);
    expect(error.body.errors.map((p: { field: string }) => p.field).sort()).toEqual(["customer_type", "email"]);
  });

  test("query parameters are converted and validated: max_per_page=0 is a 400", async () => {
    const { response, error } = await client().raw.GET("/public/v3/invitations", {
      params: { query: { max_per_page: 0 } },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ errors: [{ in: "query", field: "max_per_page" }] });
  });

  test("Bearer endpoints without a Bearer token answer 401 with the spec's example body", async () => {
    const response = await fetch(`${API}/public/v3/customers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_reference: "u" }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject(example<object>("UnauthorizedError"));
  });

  test("the AppUserToken endpoint refuses a Bearer token", async () => {
    const url = `${API}/public/v3/webflow/banks/barclays/consent/status`;
    expect((await fetch(url, { headers: { authorization: "Bearer abc" } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "AppUserToken abc" } })).status).toBe(200);
  });

  test("the token endpoint answers a bad grant_type with an OAuth2-shaped 400", async () => {
    const response = await fetch(`${API}/oauth/v2/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: "id", client_secret: "secret", grant_type: "password" }),
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ error: "invalid_request", errors: [{ field: "grant_type" }] });
    expect(JSON.stringify(body)).not.toContain('secret"');
  });

  test("a body that is not JSON is a 400", async () => {
    const response = await fetch(`${API}/public/v3/customers`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer t" },
      body: "{user_reference:",
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ in: "body", field: "", problem: "is not valid JSON" }]);
  });

  test("validateRequests: false lets an invalid request through", async () => {
    server.use(...plankyHandlers({ validateRequests: false }));
    const invitation = await client().invitations.create({ reference: "user-42" } as CreateInvitationParams);
    expect(invitation).toEqual(example("IndividualInvitation"));
  });
});

describe("overrides per test", () => {
  test("a status alone answers that status's example and declared headers", async () => {
    server.use(
      ...plankyHandlers({ overrides: { createInvitation: { status: 429, headers: { "retry-after": "0" } } } }),
    );
    const error = await client()
      .invitations.create(example("MinimalInvitationRequest"), { maxRetries: 0 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.body).toEqual(example("TooManyRequestsError"));
    expect(error.headers.get("retry-after")).toBe("0");
  });

  test("a named example picks its status and body", async () => {
    server.use(override("createInvitation", { example: "BusinessInvitation", status: 201 }));
    const response = await client().raw.POST("/public/v3/invitations", {
      body: example<CreateInvitationParams>("MinimalInvitationRequest"),
    });
    expect(response.response.status).toBe(201);
    expect(response.data).toEqual(example("BusinessInvitation"));
  });

  test("once: a 503 for the first attempt only, which the client retries", async () => {
    // The spec's 503 declares `Retry-After: 30`, which the mock sends; 0 keeps the test fast.
    server.use(override("createCustomer", { status: 503, headers: { "retry-after": "0" } }, { once: true }));
    expect(await client().customers.create({ user_reference: "u" })).toEqual(example("CreateCustomerResponse"));
  });

  test("a non-JSON body, e.g. a proxy's HTML error page", async () => {
    server.use(override("getConsentStatus", { status: 502, text: "<html>Bad gateway</html>" }));
    const error = await client()
      .consents.getStatus({ bankSlug: "barclays", customerToken: "customer-token-1" }, { maxRetries: 0 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe("<html>Bad gateway</html>");
  });

  test("a function override serves 3 pages to the client's list() iterator", async () => {
    const invitation = example<Invitation>("IndividualInvitation");
    const pages: number[] = [];
    server.use(
      override("listInvitations", ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
        pages.push(page);
        return {
          body: {
            page,
            pages: 3,
            max_per_page: 1,
            data: [{ ...invitation, id: `inv-${page}` }],
            ...(page < 3 && { _links: { next: { href: `/public/v3/invitations?page=${page + 1}&max_per_page=1` } } }),
          },
        };
      }),
    );
    const ids: string[] = [];
    for await (const item of client().invitations.list({ maxPerPage: 1 })) ids.push(item.id);
    expect(ids).toEqual(["inv-1", "inv-2", "inv-3"]);
    expect(pages).toEqual([1, 2, 3]);
  });

  test("an override body that contradicts the spec fails where it is written, naming the field", () => {
    const bad: MockReply = { body: { id: 1234, user_reference: "u" } };
    const error = (() => {
      try {
        plankyHandlers({ overrides: { createCustomer: bad } });
      } catch (e) {
        return e;
      }
    })() as MockConfigError;
    expect(error).toBeInstanceOf(MockConfigError);
    expect(error.problems).toEqual([{ in: "body", field: "id", problem: "must be string" }]);
  });

  test("validateBody: false sends a deliberately wrong body", async () => {
    server.use(override("createCustomer", { body: { id: 1234 }, validateBody: false }));
    expect(await client().customers.create({ user_reference: "u" })).toEqual({ id: 1234 });
  });

  test("unknown operation ids and example names are errors", () => {
    expect(() => override("deleteEverything" as never, {})).toThrow(/no operation "deleteEverything"/);
    expect(() => override("createInvitation", { example: "Nope" })).toThrow(/BusinessInvitation/);
  });

  test("baseUrl points the handlers at another origin", async () => {
    server.use(...plankyHandlers({ baseUrl: "http://127.0.0.1:9/prefix" }));
    const planky = createPlankyClient({ accessToken: "access-token-1", baseUrl: "http://127.0.0.1:9/prefix" });
    expect(await planky.customers.create({ user_reference: "u" })).toEqual(example("CreateCustomerResponse"));
  });

  test("plain MSW handlers still compose with ours", async () => {
    server.use(http.post(`${API}/public/v3/customers`, () => HttpResponse.json({ id: "x", user_reference: "y" })));
    expect(await client().customers.create({ user_reference: "u" })).toEqual({ id: "x", user_reference: "y" });
  });
});

describe("webhook payloads from the spec", () => {
  const types = Object.keys(spec.webhooks) as WebhookType[];

  test.each(types)("%s: the example request parses with the client's parseWebhook", async (type) => {
    const request = webhookRequest("https://example.test/hooks/planky", type, { customer_id: 77 });
    expect(request.headers.get("content-type")).toBe("application/json");
    const payload = parseWebhook(await request.text());
    const documented = Object.values<{ $ref: string }>(
      spec.webhooks[type].post.requestBody.content["application/json"].examples,
    )[0];
    const name = documented?.$ref.split("/").at(-1) ?? "";
    expect(payload).toEqual({ ...example<object>(name), customer_id: 77 });
    expect(payload.webhook_type).toBe(type);
  });

  test("webhookExample returns a fresh copy of the spec's example", () => {
    const first = webhookExample("REPORT_AVAILABLE");
    first.customer_id = 1;
    expect(webhookExample("REPORT_AVAILABLE")).toEqual(example("ReportAvailableWebhook"));
  });
});

describe("the unauthorized client", () => {
  test("a refused access token surfaces as an AuthenticationError on the call", async () => {
    server.use(override("createCustomer", { status: 401 }));
    await expect(client().customers.create({ user_reference: "u" }, { maxRetries: 0 })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });
});
