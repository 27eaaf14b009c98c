/**
 * One attempt on the wire (`internal/transport.ts`): the Request a typed call sends is the one openapi-fetch would
 * build, its body is read as openapi-fetch reads it, and middleware (`planky.raw.use`) sends typed calls through
 * openapi-fetch itself until it is ejected.
 */
import type { Middleware } from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { type APIError, createPlankyClient } from "../../src/index";
import { BASE_URL, json } from "./stub-fetch";

function client(answer: (request: Request) => Response | Promise<Response>, options = {}) {
  const requests: Request[] = [];
  const planky = createPlankyClient({
    accessToken: "access-token-1234",
    baseUrl: BASE_URL,
    maxRetries: 0,
    fetch: async (request) => {
      requests.push(request.clone());
      return answer(request);
    },
    ...options,
  });
  return { planky, requests };
}

describe("the Request of a typed call", () => {
  test("a GET: the filled-in path, the query, default and call headers, no body and no content type", async () => {
    const { planky, requests } = client(() => json({ page: 1, pages: 1, max_per_page: 5, data: [] }), {
      defaultHeaders: { "x-team": "payments" },
    });
    await planky.invitations
      .list({ perPage: 5 } as never, { headers: { "x-call": "1" } })
      .pages()
      [Symbol.asyncIterator]()
      .next();
    const [request] = requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toMatch(/^https:\/\/planky\.test\/public\/v3\/invitations/);
    expect(Object.fromEntries(request?.headers ?? [])).toEqual({
      authorization: "Bearer access-token-1234",
      "x-team": "payments",
      "x-call": "1",
    });
    expect(request?.redirect).toBe("follow");
    expect(await request?.text()).toBe("");
  });

  test("a POST: a JSON body with its content type, which a caller's header may replace", async () => {
    const { planky, requests } = client(() => json({ id: "c-1", user_reference: "u" }, 201));
    await planky.customers.create({ user_reference: "u" });
    await planky.customers.create({ user_reference: "v" }, { headers: { "content-type": "application/vnd+json" } });
    expect(requests.map((request) => request.headers.get("content-type"))).toEqual([
      "application/json",
      "application/vnd+json",
    ]);
    expect(await requests[0]?.json()).toEqual({ user_reference: "u" });
    expect(requests[0]?.url).toBe(`${BASE_URL}/public/v3/customers`);
  });

  test("the token request is not redirected (its body holds the client secret)", async () => {
    const requests: Request[] = [];
    const planky = createPlankyClient({
      clientId: "id",
      clientSecret: "secret-0123456789",
      baseUrl: BASE_URL,
      fetch: async (request) => {
        requests.push(request);
        return request.url.endsWith("/token")
          ? json({ access_token: "token-0123456789", expires_in: 60 })
          : json({ data: [] });
      },
    });
    await planky.customers.listBanks({ customerId: "c" });
    expect(requests.map((request) => [request.url.replace(BASE_URL, ""), request.redirect])).toEqual([
      ["/oauth/v2/token", "manual"],
      ["/public/v3/customers/c/banks", "follow"],
    ]);
  });
});

describe("the answer's body", () => {
  const failure = async (response: Response) =>
    (await client(() => response)
      .planky.customers.listBanks({ customerId: "c" })
      .catch((error) => error)) as APIError;

  test("an error's JSON body is parsed; a body that is not JSON stays text", async () => {
    expect((await failure(json({ message: "gone" }, 404))).body).toEqual({ message: "gone" });
    expect((await failure(new Response("<h1>Bad gateway</h1>", { status: 502 }))).body).toBe("<h1>Bad gateway</h1>");
  });

  test("no body is read for Content-Length: 0 or 204: the error's body is undefined", async () => {
    const empty = new Response("", { status: 404, headers: { "content-length": "0" } });
    expect((await failure(empty)).body).toBeUndefined();
    const chunkedEmpty = new Response("", { status: 404 });
    expect((await failure(chunkedEmpty)).body).toBe("");
  });
});

describe("middleware", () => {
  test("planky.raw.use sends typed calls through openapi-fetch's middleware; eject stops it", async () => {
    const seen: string[] = [];
    const { planky } = client(() => json({ data: [] }));
    const middleware: Middleware = {
      onRequest({ request }) {
        seen.push(new URL(request.url).pathname);
        request.headers.set("x-middleware", "yes");
        return request;
      },
    };
    planky.raw.use(middleware);
    await planky.customers.listBanks({ customerId: "c-1" });
    planky.raw.eject(middleware);
    await planky.customers.listBanks({ customerId: "c-2" });
    expect(seen).toEqual(["/public/v3/customers/c-1/banks"]);
  });

  test("a typed call through middleware sends the same Request", async () => {
    const { planky, requests } = client(() => json({ id: "c-1", user_reference: "u" }, 201));
    await planky.customers.create({ user_reference: "u" });
    planky.raw.use({ onResponse: ({ response }) => response });
    await planky.customers.create({ user_reference: "u" });
    const [lean, viaOpenapiFetch] = await Promise.all(
      requests.map(async (request) => [
        request.method,
        request.url,
        [...request.headers],
        request.redirect,
        await request.text(),
      ]),
    );
    expect(viaOpenapiFetch).toEqual(lean);
  });
});

describe("a raw call's URL in log events", () => {
  test("is the one openapi-fetch sends, in any of its styles (an array path value: `a,b`, not `a%2Cb`)", async () => {
    const lines: { url?: string }[] = [];
    const { planky, requests } = client(() => json({ data: [] }), { logger: (event: object) => lines.push(event) });
    await planky.raw.GET("/public/v3/customers/{customer_id}/banks", {
      params: { path: { customer_id: ["a", "b"] as never } },
    });
    expect(requests[0]?.url).toBe(`${BASE_URL}/public/v3/customers/a,b/banks`);
    expect(lines.map((line) => line.url)).toEqual([`GET ${BASE_URL}/public/v3/customers/a,b/banks`]);
  });
});
