/**
 * Resource methods beyond the basics: customer lookups, a customer's banks and bank consent, and webhook registration.
 */
import { describe, expect, test } from "vitest";
import { NotFoundError, PlankyValidationError } from "../../src/index";
import { example } from "../support/spec";
import { json, stubClient } from "./stub-fetch";

describe("customers.findByUserReference", () => {
  test("sends the reference as by-user-reference (encoded) and resolves with the matching customers", async () => {
    const urls: string[] = [];
    const { client } = stubClient({
      api: (request) => {
        urls.push(request.url);
        return json(example("CustomerListOneMatch"));
      },
    });
    const found = await client.customers.findByUserReference({ userReference: "user 42&x" });
    expect(found).toEqual([{ id: "1234", user_reference: "user-42" }]);
    expect(new URL(urls[0] ?? "").searchParams.get("by-user-reference")).toBe("user 42&x");
  });

  test("no match is an empty array, not an error", async () => {
    const { client } = stubClient({ api: () => json(example("CustomerListNoMatch")) });
    expect(await client.customers.findByUserReference({ userReference: "nobody" })).toEqual([]);
  });

  test("an empty reference is refused before sending, naming the field", async () => {
    const { client, api } = stubClient({ api: () => json({ data: [] }) });
    const error = await client.customers.findByUserReference({ userReference: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect(error).toMatchObject({ field: "userReference" });
    expect(api()).toEqual([]);
  });
});

describe("customers.listBanks and customers.getBankConsent", () => {
  test("listBanks resolves with the banks (the `data` array), Bearer-authenticated", async () => {
    const { client, api } = stubClient({ api: () => json(example("CustomerBanksConnected")) });
    const banks = await client.customers.listBanks({ customerId: "12/34" });
    expect(banks.map((bank) => bank.slug)).toEqual(["barclays", "hsbc"]);
    expect(api()[0]).toMatchObject({ method: "GET", path: "/public/v3/customers/12%2F34/banks" });
    expect(api()[0]?.authorization).toMatch(/^Bearer /);
  });

  test("getBankConsent addresses customer and bank in the path and resolves with the consent", async () => {
    const { client, api } = stubClient({ api: () => json(example("BankConsentAuthorisedFromDocs")) });
    const consent = await client.customers.getBankConsent({ customerId: "1234", bankSlug: "barclays" });
    expect(consent.status).toBe("Authorised");
    expect(api()[0]?.path).toBe("/public/v3/customers/1234/bank/barclays/consent/account");
  });

  test("no consent yet (404) is a NotFoundError the caller can handle", async () => {
    const { client } = stubClient({ api: () => json({ message: "Consent not found" }, 404) });
    const error = await client.customers
      .getBankConsent({ customerId: "1234", bankSlug: "barclays" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  test("a missing bankSlug is refused before sending, naming the field", async () => {
    const { client, api } = stubClient({ api: () => json({}) });
    const error = await client.customers.getBankConsent({ customerId: "1234", bankSlug: "" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: "bankSlug" });
    expect(api()).toEqual([]);
  });
});

describe("webhooks.create", () => {
  test("posts url and comment as JSON and resolves with the id", async () => {
    const { client, api } = stubClient({ api: () => json({ id: "42" }, 201) });
    const body = { url: "https://app.example.com/hooks/x", comment: "prod" };
    expect(await client.webhooks.create(body)).toEqual({ id: "42" });
    expect(api()[0]).toMatchObject({ method: "POST", path: "/public/v3/webhooks" });
    expect(JSON.parse(api()[0]?.body ?? "")).toEqual(body);
  });

  test("is not retried after a 500 (it may have registered the URL)", async () => {
    const { client, api } = stubClient({ api: () => json({ message: "boom" }, 500) });
    await expect(client.webhooks.create({ url: "https://app.example.com/hooks/x" })).rejects.toThrow();
    expect(api()).toHaveLength(1);
  });
});
