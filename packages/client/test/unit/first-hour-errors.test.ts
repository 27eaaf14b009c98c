/**
 * Errors a newcomer meets in their first hour, each saying what to do: a `baseUrl` that includes the API's own
 * path, a connection that nothing accepts or a host that does not resolve (the message names the origin), and a
 * token error body that quotes `client_secret` while the secret is the README's placeholder `"secret"`.
 */
import { createServer } from "node:http";
import { describe, expect, test } from "vitest";
import { APIConnectionError, createPlankyClient, OAuthError, PlankyValidationError } from "../../src/index";
import { createWebflowClient } from "../../src/webflow";
import { BASE_URL, connectionError, json } from "./stub-fetch";

const credentials = { clientId: "id", clientSecret: "secret" };

describe("a baseUrl that includes the API's path", () => {
  test.each([
    "https://api.friendlyscore.com/public/v3",
    "https://api.friendlyscore.com/public/v3/",
    "http://127.0.0.1:4010/public/v3/customers",
    "https://api.friendlyscore.com/oauth/v2",
    "https://proxy.example/planky/public/v3",
  ])("%s is refused at construction, naming baseUrl, the path and the origin to pass", (baseUrl) => {
    const refusal = (() => {
      try {
        createPlankyClient({ ...credentials, baseUrl });
      } catch (error) {
        return error;
      }
      throw new Error("createPlankyClient accepted the baseUrl");
    })() as PlankyValidationError;
    expect(refusal).toBeInstanceOf(PlankyValidationError);
    expect(refusal.field).toBe("baseUrl");
    const { pathname, origin } = new URL(baseUrl);
    expect(refusal.message).toContain(pathname);
    expect(refusal.message).toContain(`pass the origin, e.g. ${origin}`);
    expect(refusal.message).not.toContain("clientSecret");
  });

  test("the webflow client refuses it too", () => {
    expect(() =>
      createWebflowClient({ customerToken: "ct", baseUrl: "https://api.friendlyscore.com/public/v3" }),
    ).toThrow(PlankyValidationError);
  });

  test("another path (a proxy's prefix) is still accepted, and calls go below it", async () => {
    const urls: string[] = [];
    const planky = createPlankyClient({
      ...credentials,
      baseUrl: "https://proxy.example/planky",
      fetch: async (request: Request) => {
        urls.push(request.url);
        return request.url.endsWith("/oauth/v2/token")
          ? json({ access_token: "token-first-hour", expires_in: 3600 })
          : json({ id: "1", user_reference: "u" });
      },
    });
    await planky.customers.create({ user_reference: "u" });
    expect(urls).toEqual([
      "https://proxy.example/planky/oauth/v2/token",
      "https://proxy.example/planky/public/v3/customers",
    ]);
  });
});

describe("connection errors name the origin they tried", () => {
  test("ECONNREFUSED from a real closed port names http://127.0.0.1:<port> and what to check", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const planky = createPlankyClient({ ...credentials, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const error = await planky.customers.create({ user_reference: "u" }).catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(
      `Connection error: ECONNREFUSED (nothing accepted the connection at http://127.0.0.1:${port}: is the server running, and is baseUrl right?)`,
    );
  });

  test.each(["ENOTFOUND", "EAI_AGAIN"])("%s names the host and the origin", async (code) => {
    const planky = createPlankyClient({
      ...credentials,
      baseUrl: `${BASE_URL}/prefix`,
      maxRetries: 0,
      fetch: async () => {
        throw connectionError(code);
      },
    });
    const error = await planky.customers.create({ user_reference: "u" }).catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(
      `Connection error: ${code} (the host planky.test of ${BASE_URL} was not found: check baseUrl and your DNS or network)`,
    );
  });
});

describe("a short credential is redacted only where it stands alone", () => {
  const body = {
    error: "invalid_client",
    error_description: "client_secret secret is wrong; secret_key, my_secret, secrets and (secret) stay readable",
  };

  test("the README's placeholder secret does not split client_secret in a token error", async () => {
    const planky = createPlankyClient({
      ...credentials,
      baseUrl: BASE_URL,
      maxRetries: 0,
      fetch: async () => json(body, 401),
    });
    const error = (await planky.customers.create({ user_reference: "u" }).catch((e) => e)) as OAuthError;
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.oauthError).toBe("invalid_client");
    expect(error.body).toEqual({
      error: "invalid_client",
      error_description:
        "client_secret [redacted] is wrong; secret_key, my_secret, secrets and ([redacted]) stay readable",
    });
    expect(JSON.stringify(error)).not.toContain("client_[redacted]");
  });
});
