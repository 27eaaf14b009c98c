/**
 * Options and parameters that are wrong in ways the types catch but a plain JavaScript caller may not: each is a
 * PlankyValidationError naming the field, before anything is sent. And the default `baseUrl` is production.
 */
import { describe, expect, test } from "vitest";
import { createPlankyClient, PlankyValidationError, PRODUCTION_BASE_URL } from "../../src/index";
import { json, stubClient } from "./stub-fetch";

function validationField(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PlankyValidationError);
    return (error as PlankyValidationError).field;
  }
  throw new Error("expected a PlankyValidationError");
}

describe("client credentials and tokens", () => {
  test.each([
    ["an empty clientId", { clientId: "", clientSecret: "s" }, "clientId"],
    ["a numeric clientId", { clientId: 42, clientSecret: "s" }, "clientId"],
    ["an empty clientSecret", { clientId: "id", clientSecret: "" }, "clientSecret"],
    ["a numeric clientSecret", { clientId: "id", clientSecret: 42 }, "clientSecret"],
    ["an accessToken with a space", { accessToken: "a b" }, "accessToken"],
    ["an empty accessToken", { accessToken: "" }, "accessToken"],
  ])("%s names %s", (_name, options, field) => {
    expect(validationField(() => createPlankyClient(options as never))).toBe(field);
  });

  test("a baseUrl with a user name alone (no password) is refused", () => {
    expect(validationField(() => createPlankyClient({ accessToken: "t", baseUrl: "https://user@example.com" }))).toBe(
      "baseUrl",
    );
  });

  test("trailing slashes on baseUrl, however many, are dropped: from requests and from errors", async () => {
    const urls: string[] = [];
    const planky = createPlankyClient({
      accessToken: "t",
      baseUrl: "https://planky.test//",
      fetch: async (request) => {
        urls.push(request.url);
        return json({ message: "nope" }, 404);
      },
    });
    const error = await planky.customers.create({ user_reference: "u" }).catch((e: unknown) => e);
    expect(urls).toEqual(["https://planky.test/public/v3/customers"]);
    expect((error as { url: string }).url).toBe("https://planky.test/public/v3/customers");
  });

  test("without baseUrl, requests go to production", async () => {
    const urls: string[] = [];
    const planky = createPlankyClient({
      accessToken: "t",
      fetch: async (request) => {
        urls.push(request.url);
        return json({ id: "1", user_reference: "u" });
      },
    });
    await planky.customers.create({ user_reference: "u" });
    expect(PRODUCTION_BASE_URL).toBe("https://api.friendlyscore.com");
    expect(urls).toEqual(["https://api.friendlyscore.com/public/v3/customers"]);
  });
});

describe("methods called without their parameters reject with the field, not a TypeError", () => {
  test.each([
    ["consents.getStatus()", (c: Client) => c.consents.getStatus(undefined as never), "bankSlug"],
    [
      "consents.getStatus({ bankSlug })",
      (c: Client) => c.consents.getStatus({ bankSlug: "b" } as never),
      "customerToken",
    ],
    ["customers.createToken()", (c: Client) => c.customers.createToken(undefined as never), "customerId"],
    [
      "customers.createToken({ customerId: '' })",
      (c: Client) => c.customers.createToken({ customerId: "" }),
      "customerId",
    ],
  ])("%s names %s, nothing sent", async (_name, call, field) => {
    const s = stubClient({ api: () => json({}) });
    const error = await call(s.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect((error as PlankyValidationError).field).toBe(field);
    expect(s.requests).toHaveLength(0);
  });

  test("invitations.list(null) lists with the server's default page size", async () => {
    const s = stubClient({ api: () => json({ page: 1, pages: 1, max_per_page: 10, data: [] }), accessToken: "t" });
    const pages: unknown[] = [];
    for await (const page of s.client.invitations.list(null as never).pages()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(s.api().map((r) => r.path)).toEqual(["/public/v3/invitations"]);
  });
});

type Client = ReturnType<typeof stubClient>["client"];
