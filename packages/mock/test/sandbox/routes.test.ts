/** The sandbox's routes come from the spec: method, path and credential per operationId; strangers stop the start. */
import { describe, expect, test } from "vitest";
import { operations } from "../../src/operations";
import { routes } from "../../src/sandbox/api/planky-api";
import { buildRoutes, credentialOf, matchRoute } from "../../src/sandbox/api/routes";

const answer = () => new Response(null, { status: 204 });

describe("buildRoutes", () => {
  test("a handler for an operation the spec does not have stops the sandbox at start, naming it", () => {
    expect(() => buildRoutes({ createCustomer: answer, getFavouriteColour: answer } as never)).toThrow(
      /operations the spec does not have: getFavouriteColour/,
    );
  });

  test("an operation without a handler still has its route (answered 'not implemented' by the API)", () => {
    const built = buildRoutes({ createCustomer: answer });
    expect(built).toHaveLength(operations.length);
    expect(matchRoute(built, "POST", "/public/v3/customers")?.route.handler).toBe(answer);
    expect(matchRoute(built, "GET", "/public/v3/customers")?.route.handler).toBeUndefined();
  });
});

describe("credentialOf reads the spec's security", () => {
  test("the token endpoint needs none, the customer reads Bearer, the webflow calls AppUserToken", () => {
    const kind = (id: string) => routes.find((r) => r.operation.id === id)?.credential;
    expect(kind("createAccessToken")).toBe("none");
    expect(kind("createCustomer")).toBe("bearer");
    expect(kind("getConsentStatus")).toBe("customer");
  });

  test("an empty requirement makes the credential optional; mixed token kinds are refused", () => {
    expect(credentialOf({ id: "createCustomer", security: [{ BearerAuth: [] }, {}] })).toBe("none");
    expect(() => credentialOf({ id: "createCustomer", security: [{ BearerAuth: [] }, { AppUserToken: [] }] })).toThrow(
      /cannot mix/,
    );
    expect(() => credentialOf({ id: "createCustomer", security: [{ Nope: [] }] })).toThrow(/no security scheme "Nope"/);
  });
});

describe("matchRoute", () => {
  test("names and decodes the path parameters", () => {
    const match = matchRoute(routes, "GET", "/public/v3/customers/10%2001/bank/barclays/consent/account");
    expect(match?.route.operation.id).toBe("getBankConsent");
    expect(match?.path).toEqual({ customer_id: "10 01", bank_slug: "barclays" });
  });

  test("a method the path does not have, or a path the spec does not have, matches nothing", () => {
    expect(matchRoute(routes, "PUT", "/public/v3/customers")).toBeUndefined();
    expect(matchRoute(routes, "GET", "/public/v3/customers/1/banks/extra")).toBeUndefined();
  });

  test("a malformed percent-escape is a URIError, which the API answers 400", () => {
    expect(() => matchRoute(routes, "GET", "/public/v3/webflow/banks/%ZZ/consent/status")).toThrow(URIError);
  });
});
