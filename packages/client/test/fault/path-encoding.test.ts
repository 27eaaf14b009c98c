/**
 * Path parameters stay inside their path segment. Checked against the raw request line a real server receives,
 * since a stub would see the URL only after the WHATWG parser has resolved it.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPlankyClient, type PlankyClient, PlankyValidationError } from "../../src/index";
import { type FaultServer, ok, startFaultServer } from "./fault-server";

let server: FaultServer;
let planky: PlankyClient;

beforeAll(async () => {
  server = await startFaultServer();
  planky = createPlankyClient({ accessToken: "path-test-token", baseUrl: server.url, maxRetries: 0 });
});
afterAll(() => server?.stop());

const hostile: [string, string][] = [
  ["../../invitations", "..%2F..%2Finvitations"],
  ["a/b?x=1", "a%2Fb%3Fx%3D1"],
  ["x#frag", "x%23frag"],
  ["%2e%2e", "%252e%252e"],
  ["..%2F", "..%252F"],
  ["a b", "a%20b"],
  ["\\..\\", "%5C..%5C"],
  ["ünï", "%C3%BCn%C3%AF"],
];

describe("bankSlug", () => {
  test.each(hostile)("%j arrives as the single segment %s", async (bankSlug, segment) => {
    server.plan(ok({ status: "Authorised" }));
    await planky.consents.getStatus({ bankSlug, customerToken: "ct-1" });
    expect(server.log.map((a) => a.rawPath)).toEqual([`/public/v3/webflow/banks/${segment}/consent/status`]);
  });

  test.each([".", "..", ""])("%j is refused before sending: the URL parser would resolve it", async (bankSlug) => {
    server.plan(ok({}));
    const error = await planky.consents.getStatus({ bankSlug, customerToken: "ct-1" }).catch((e) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect(error.field).toBe("bankSlug");
    expect(server.log).toHaveLength(0);
  });
});

describe("customerId", () => {
  test.each(hostile)("%j arrives as the single segment %s", async (customerId, segment) => {
    server.plan(ok({ token: "t" }));
    await planky.customers.createToken({ customerId });
    expect(server.log.map((a) => a.rawPath)).toEqual([`/public/v3/customers/${segment}/token`]);
  });
});
