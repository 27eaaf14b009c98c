/**
 * Aborting a create over a real socket once the server has the request and is still thinking: the caller gets
 * APIUserAbortError (not a connection error), and the request reached the server once.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { APIUserAbortError, createPlankyClient } from "../../src/index";
import { type FaultServer, ok, slowHeaders, startFaultServer } from "./fault-server";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server?.stop());

test.each(["customers.create", "invitations.create"])("%s aborted mid-request: APIUserAbortError", async (call) => {
  const controller = new AbortController();
  const answerLate = slowHeaders(1_000, ok({ id: "1234" }));
  server.plan((request, response) => {
    controller.abort(); // the request has arrived; the caller gives up while the server works on it
    answerLate(request, response);
  });
  const planky = createPlankyClient({ accessToken: "fault-test-token", baseUrl: server.url, timeout: 5_000 });
  const { signal } = controller;
  const started = performance.now();
  const outcome =
    call === "customers.create"
      ? planky.customers.create({ user_reference: "user-42" }, { signal })
      : planky.invitations.create({ email: "ada@example.com", reference: "user-42" }, { signal });
  await expect(outcome).rejects.toBeInstanceOf(APIUserAbortError);
  expect(performance.now() - started).toBeLessThan(900); // did not wait for the server
  expect(server.log.map((attempt) => attempt.method)).toEqual(["POST"]);
});
