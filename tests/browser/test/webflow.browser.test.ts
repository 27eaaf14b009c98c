/**
 * A front end as a browser runs it: page/app.ts, bundled with `@planky-kit/client/webflow`, is served from one
 * origin; a Prism mock of the spec (the API) listens on another, so every call is cross-origin (CORS, with a
 * preflight for the Authorization header). The page's own server creates the customer token with the server
 * client, as the docs tell you to; the browser only ever holds that token. Screenshot in test-artifacts/.
 */

import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createPlankyClient } from "@planky-kit/client";
import { launchChromium } from "@planky-kit/docs/browser";
import { specPath } from "@planky-kit/spec/path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parse } from "yaml";
import { startPrism } from "../../../packages/mock/src/prism-launcher.mjs";
import { type FrontEnd, startFrontEnd } from "../support/front-end";

const artifacts = fileURLToPath(new URL("../test-artifacts/", import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: the spec is untyped YAML.
const spec: any = parse(readFileSync(specPath, "utf8"));

/** The value of an operation's first 200 example: what Prism answers by default. */
function firstExample(path: string, method: string): unknown {
  const examples = spec.paths[path][method].responses["200"].content["application/json"].examples;
  const ref: string = Object.values<{ $ref: string }>(examples)[0]?.$ref ?? "";
  return spec.components.examples[ref.split("/").pop() ?? ""].value;
}

interface ApiRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  allowOrigin: string | undefined;
}

let prism: Awaited<ReturnType<typeof startPrism>>;
let frontEnd: FrontEnd;
let browser: Browser;
let page: Page;
/** The customer tokens the page's server created: the only ones the browser may send. */
const issuedTokens: string[] = [];
const apiRequests: Promise<ApiRequest>[] = [];
let loadedBundle: Promise<string> | undefined;
const consoleErrors: string[] = [];

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  [prism, browser] = await Promise.all([startPrism(), launchChromium()]);
  // The page's server: it holds the API keys (here test values) and creates the customer's token.
  const server = createPlankyClient({
    clientId: "test-client-id",
    clientSecret: "test-client-secret",
    baseUrl: prism.url,
  });
  frontEnd = await startFrontEnd({
    apiBaseUrl: prism.url,
    async createCustomerToken() {
      const { token } = await server.customers.createToken({ customerId: "1234" });
      issuedTokens.push(token);
      return token;
    },
  });
  page = await browser.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on("response", (response) => {
    const request = response.request();
    if (request.url() === `${frontEnd.url}app.js`) {
      loadedBundle = response.text();
    }
    if (!request.url().startsWith(prism.url)) return;
    apiRequests.push(
      request.allHeaders().then((headers) => ({
        method: request.method(),
        path: new URL(request.url()).pathname,
        authorization: headers.authorization,
        allowOrigin: response.headers()["access-control-allow-origin"],
      })),
    );
  });
  await page.goto(frontEnd.url);
  await page.locator("body:not([data-state=loading])").waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${artifacts}webflow-page.png` });
});

afterAll(async () => {
  await browser?.close();
  await frontEnd?.stop();
  await prism?.stop();
});

test("the page and the API are on different origins, so the browser enforces CORS", () => {
  expect(new URL(frontEnd.url).origin).not.toBe(new URL(prism.url).origin);
});

test("the page finished without an error", async () => {
  expect(await page.locator("#error").textContent()).toBe("");
  expect(await page.locator("body").getAttribute("data-state")).toBe("done");
});

test("it lists the banks of the mock's answer (the spec's example), each with whether it is connected", async () => {
  const banks = firstExample("/public/v3/webflow/banks", "get") as { bank: { name: string }; connected: boolean }[];
  expect(banks.length).toBeGreaterThan(0);
  expect(await page.locator("#banks li").allTextContents()).toEqual(
    banks.map(({ bank, connected }) => `${bank.name}: ${connected ? "connected" : "not connected"}`),
  );
});

test("it shows the consent status at the first connected bank, as the mock answered it", async () => {
  const banks = firstExample("/public/v3/webflow/banks", "get") as { bank: { slug: string }; connected: boolean }[];
  const consent = firstExample("/public/v3/webflow/banks/{bank_slug}/consent/status", "get") as { status: string };
  expect(await page.locator("#consent-bank").textContent()).toBe(banks.find(({ connected }) => connected)?.bank.slug);
  expect(await page.locator("#consent-status").textContent()).toBe(consent.status);
});

test("every API call carried `AppUserToken <the token the server created>` and was allowed across origins", async () => {
  const requests = await Promise.all(apiRequests);
  expect(requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
    "GET /public/v3/webflow/banks",
    "GET /public/v3/webflow/banks/barclays/consent/status",
  ]);
  // The page passes an async function, which the client asks per call; any token it got is from the server.
  expect(issuedTokens.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect(issuedTokens.map((token) => `AppUserToken ${token}`)).toContain(request.authorization);
    expect(request.allowOrigin).toMatch(new RegExp(`^(\\*|${new URL(frontEnd.url).origin})$`));
  }
});

test("the bundle the page loaded is the webflow client, without client-credentials code", async () => {
  const code = (await loadedBundle) ?? "";
  expect(code).toContain("AppUserToken"); // the client is in it: not an empty or wrong file
  // Checked as booleans: on a failure the message names the string, not the whole minified bundle.
  expect(code.includes("client_secret"), "the bundle contains client_secret").toBe(false);
  expect(code.includes("/oauth/v2/token"), "the bundle contains /oauth/v2/token").toBe(false);
});

test("nothing was logged as an error in the browser console", () => {
  expect(consoleErrors).toEqual([]);
});
