/**
 * Redaction edges found by mutation testing: arrays in error bodies, a credential repeated in one string, one
 * credential that starts with another, credentials glued to other text, the caller's own Authorization header,
 * and what is kept of a failed `fetch`'s error (its code, three causes, a stack without frames).
 */
import { describe, expect, test } from "vitest";
import { APIConnectionError, type APIError, createPlankyClient } from "../../src/index";
import { BASE_URL, CLIENT_SECRET, json, stubClient } from "./stub-fetch";

const consent = { bankSlug: "barclays", customerToken: "ct-redaction-edges" };
const bare = (request: Request) => {
  const authorization = request.headers.get("authorization") ?? "";
  return authorization.slice(authorization.indexOf(" ") + 1);
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the call should fail");
    },
    (error: Error) => error,
  );

describe("error bodies", () => {
  test("strings inside arrays, at any depth, are redacted", async () => {
    const s = stubClient({
      api: (request) => json([{ errors: [`token ${bare(request)} expired`, [bare(request)]] }], 403),
      accessToken: async () => "at-IN-ARRAYS-1234",
    });
    const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
    expect(error.body).toEqual([{ errors: ["token [redacted] expired", ["[redacted]"]] }]);
  });

  test("every occurrence in one string is redacted", async () => {
    const s = stubClient({
      api: (request) => json({ message: `${bare(request)} / ${bare(request)}` }, 400),
      accessToken: async () => "at-TWICE-1234",
    });
    const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
    expect(error.body).toEqual({ message: "[redacted] / [redacted]" });
  });

  test("a credential that starts with another credential is redacted whole", async () => {
    const issued = `${CLIENT_SECRET}-and-more`;
    const s = stubClient({
      api: (request) => json({ message: `bad token ${bare(request)}` }, 403),
      token: () => json({ access_token: issued, expires_in: 3600 }),
    });
    const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
    expect(error.body).toEqual({ message: "bad token [redacted]" });
  });

  test("a credential of 8 or more characters is redacted even glued to other text", async () => {
    const s = stubClient({
      api: (request) => json({ message: `token=x${bare(request)}y` }, 401),
      accessToken: "abcd1234",
    });
    const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
    expect(error.body).toEqual({ message: "token=x[redacted]y" });
  });

  test("a credential under 8 characters is redacted only as a whole word, so messages stay readable", async () => {
    const s = stubClient({
      api: (request) => json({ message: `Consent ${bare(request)} for onsent not found` }, 404),
      accessToken: "onsent",
    });
    const error = (await failure(s.client.customers.create({ user_reference: "u" }))) as APIError;
    expect(error.body).toEqual({ message: "Consent [redacted] for [redacted] not found" });
  });

  test("the caller's own Authorization header: its bare credential is redacted too", async () => {
    const s = stubClient({ api: (request) => json({ message: `who is ${bare(request)}?` }, 403) });
    const error = (await failure(
      s.client.customers.create({ user_reference: "u" }, { headers: { Authorization: "Bearer own-SECRET-token" } }),
    )) as APIError;
    expect(error.body).toEqual({ message: "who is [redacted]?" });
    expect(s.tokenRequests()).toHaveLength(0);
  });
});

describe("an empty Authorization header of the caller's own", () => {
  test("leaves the error body as it is (an empty credential redacts nothing)", async () => {
    const s = stubClient({ api: () => json({ message: "no credentials -- (none)." }, 401) });
    const error = (await failure(
      s.client.customers.create({ user_reference: "u" }, { headers: { Authorization: "" } }),
    )) as APIError;
    expect(error.body).toEqual({ message: "no credentials -- (none)." });
  });
});

describe("what is kept of a failed fetch's error", () => {
  const chain = (depth: number): Error => {
    let error: Error | undefined;
    for (let level = depth; level >= 1; level--) error = new Error(`level ${level}`, { cause: error });
    return error as Error;
  };
  const causes = (error: unknown): Error[] => {
    const found: Error[] = [];
    for (let cause = (error as Error).cause; cause instanceof Error; cause = cause.cause) found.push(cause);
    return found;
  };

  test("three levels of causes, no more", async () => {
    const s = stubClient({ api: () => Promise.reject(chain(5)), accessToken: "t-causes-1234", maxRetries: 0 });
    const error = await failure(s.client.consents.getStatus(consent));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(causes(error).map((cause) => cause.message)).toEqual(["level 1", "level 2", "level 3"]);
  });

  test("a string or number code is kept; any other code, or none, is not invented", async () => {
    const withCode = (code: unknown) => Promise.reject(Object.assign(new Error("boom"), { code }));
    for (const [code, kept] of [
      ["ECONNRESET", "ECONNRESET"],
      [-104, -104],
      [{ secret: "x" }, undefined],
      [undefined, undefined],
    ] as const) {
      const s = stubClient({ api: () => withCode(code), accessToken: "t-codes-1234", maxRetries: 0 });
      const [cause] = causes(await failure(s.client.consents.getStatus(consent)));
      expect(cause).toBeDefined();
      expect(Object.hasOwn(cause as Error, "code")).toBe(kept !== undefined);
      expect((cause as Error & { code?: unknown }).code).toEqual(kept);
    }
  });

  test("a fetch that rejects with something other than an Error: a plain Error named Error, with its text", async () => {
    const s = stubClient({ api: () => Promise.reject("socket closed"), accessToken: "t-string-1234", maxRetries: 0 });
    const error = await failure(s.client.consents.getStatus(consent));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.cause).toMatchObject({ name: "Error", message: "socket closed" });
  });

  test("the cause's stack is its name and message only", async () => {
    const s = stubClient({
      api: () => Promise.reject(new TypeError("fetch failed")),
      accessToken: "t-stack-1234",
      maxRetries: 0,
    });
    const [cause] = causes(await failure(s.client.consents.getStatus(consent)));
    expect(cause?.stack).toBe("TypeError: fetch failed");
  });

  test("with no credential in play, the message is left as it is", async () => {
    // A raw call to the token endpoint from a client with a provider token: no credential is sent or known.
    const planky = createPlankyClient({
      accessToken: async () => "t-provider-1234",
      baseUrl: BASE_URL,
      maxRetries: 0,
      fetch: () => Promise.reject(new TypeError("socket hang up")),
    });
    const error = await failure(
      planky.raw.POST("/oauth/v2/token", {
        body: { client_id: "id", client_secret: "s", grant_type: "client_credentials" },
      }),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe("Connection error: socket hang up");
  });
});
