/**
 * No request hangs: each hop has a timeout (shortened here so the tests are quick). The stateful API that does not
 * answer still gets Prism an answer; a Prism that does not answer gets the client a 504 naming it.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchSandbox, type SandboxInternals } from "../../src/sandbox/start";
import { rawRequest } from "./support";

let sandbox: SandboxInternals;

beforeAll(async () => {
  sandbox = await launchSandbox(
    {},
    // An API that never answers one operation (listInvitations), and answers the rest.
    (api) => (request) =>
      request.method === "GET" && new URL(request.url).pathname === "/public/v3/invitations"
        ? new Promise<Response>(() => {})
        : api(request),
    { apiAnswerMs: 1_000, prismAnswerMs: 5_000 },
  );
}, 180_000);
afterAll(() => sandbox?.stop());

test("the stateful API silent: Prism still gets, and passes on, a 500 after the API's timeout", async () => {
  const token = await rawRequest(sandbox.url, "POST", "/oauth/v2/token", {
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: "a", client_secret: "b", grant_type: "client_credentials" }),
  });
  const bearer = `Bearer ${JSON.parse(token.body).access_token}`;
  const answer = await rawRequest(sandbox.url, "GET", "/public/v3/invitations", { headers: { authorization: bearer } });
  expect(answer.status).toBe(500);
});

test("Prism silent (stopped with SIGSTOP): the front answers 504 naming Prism", async () => {
  const pid = sandbox.prism.pid as number;
  process.kill(pid, "SIGSTOP");
  try {
    const answer = await rawRequest(sandbox.url, "GET", "/public/v3/webflow/banks", {
      headers: { authorization: "AppUserToken x" },
    });
    expect(answer.status).toBe(504);
    expect(JSON.parse(answer.body)).toEqual({ message: "Prism did not answer within 5 s" });
  } finally {
    process.kill(pid, "SIGCONT");
  }
}, 60_000);
