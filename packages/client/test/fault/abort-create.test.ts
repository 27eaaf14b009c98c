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
  // The server answers only after 60 s (stop() cancels that): the call must end on the abort, not on the answer.
  let answered = false;
  const answerLate = slowHeaders(60_000, (request, response) => {
    answered = true;
    ok({ id: "1234" })(request, response);
  });
  server.plan((request, response) => {
    controller.abort(); // the request has arrived; the caller gives up while the server works on it
    answerLate(request, response);
  });
  const planky = createPlankyClient({ accessToken: "fault-test-token", baseUrl: server.url, timeout: 5_000 });
  const { signal } = controller;
  const outcome =
    call === "customers.create"
      ? planky.customers.create({ user_reference: "user-42" }, { signal })
      : planky.invitations.create({ email: "ada@example.com", reference: "user-42" }, { signal });
  await expect(outcome).rejects.toBeInstanceOf(APIUserAbortError);
  expect(answered).toBe(false); // did not wait for the server
  expect(server.log.map((attempt) => attempt.method)).toEqual(["POST"]);
});
