/**
 * The two URLs a browser opens first (printed by `pnpm start`): the sandbox's root says what it is, `/_sandbox/`
 * lists the control API; neither is a 404. Every call listed there is one the control API answers.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { CONTROL_ROUTES } from "../../src/sandbox/control/index-pages";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
}, 180_000);
afterAll(() => sandbox?.stop());

test("GET / is an HTML page that says what the origin is and links the control API", async () => {
  const response = await fetch(`${sandbox.url}/`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
  const html = await response.text();
  expect(html).toContain("<h1>Planky sandbox</h1>");
  expect(html).toContain("It is not the real API.");
  expect(html).toContain('<a href="/_sandbox/">control API</a>');
});

test.each(["/_sandbox/", "/_sandbox"])("GET %s lists every control API call", async (path) => {
  const response = await fetch(`${sandbox.url}${path}`);
  expect(response.status).toBe(200);
  const html = await response.text();
  for (const { route } of CONTROL_ROUTES) expect(html).toContain(`<code>${route}</code>`);
});

test.each(CONTROL_ROUTES.map(({ route }) => route))("the listed %s is a route the control API has", async (route) => {
  const [method, path] = route.split(" ") as [string, string];
  const response = await fetch(`${sandbox.url}${path.replace(/\{[^}]+\}/g, "unknown-id")}`, {
    method,
    ...(method === "POST" ? { body: "{}" } : {}),
  });
  // Unknown ids and empty bodies are refused, but never with the "no such route" answer.
  const body = await response.text();
  expect(body).not.toContain("The control API has no");
});

test("any other path still goes to the API (a 404 from Prism or the sandbox, not an index page)", async () => {
  const response = await fetch(`${sandbox.url}/public/v3/nothing-here`);
  expect(response.headers.get("content-type") ?? "").not.toContain("text/html");
});
