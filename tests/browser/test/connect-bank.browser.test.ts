/**
 * The connect-bank screen in a real browser, built as a consumer builds it: page/connect-bank/app.tsx (the React
 * page the docs show) bundled from the PACKED @planky-kit/react and @planky-kit/client with React 18, served from
 * one origin, against @planky-kit/mock's sandbox on another (CORS), through its simulated bank page: connect →
 * return → Authorised; cancel at the bank; a tampered `state` refused. Then the framework-free page
 * (page/connect-bank/vanilla.ts) through the same flow. Screenshots in test-artifacts/.
 */
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createPlankyClient } from "@planky-kit/client";
import { launchChromium } from "@planky-kit/docs/browser";
import { type RunningSandbox, startSandbox } from "@planky-kit/mock/sandbox";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type PackedApp, packedApp } from "../support/packed-app";
import { type SpaServer, startSpaServer } from "../support/spa-server";

const artifacts = fileURLToPath(new URL("../test-artifacts/", import.meta.url));
const STORAGE_KEY = "planky-kit:connect-bank"; // the documented key
const html = (root: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Connect your bank</title>` +
  `<script type="module" src="/app.js"></script></head><body>${root}</body></html>`;

let sandbox: RunningSandbox;
let app: PackedApp;
let front: SpaServer;
let browser: Browser;
let server: ReturnType<typeof createPlankyClient>;
let customerId: string;
const issuedTokens: string[] = [];
const pageErrors: string[] = [];
/** Every call the pages made to the sandbox's API: method, path, Authorization, Access-Control-Allow-Origin. */
const apiCalls: { call: string; authorization: string | undefined; allowOrigin: string | undefined }[] = [];

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  [sandbox, app, browser] = await Promise.all([startSandbox(), packedApp(), launchChromium()]);
  // The app's server: it holds the API keys and creates the signed-in customer's token.
  server = createPlankyClient({ clientId: "browser-connect-bank", clientSecret: "any", baseUrl: sandbox.url });
  customerId = String((await server.customers.create({ user_reference: `browser-${Date.now()}` })).id);
  front = await startSpaServer(async () => {
    const { token } = await server.customers.createToken({ customerId });
    issuedTokens.push(token);
    return token;
  });
  // "You need to register all the URLs that we are allowed to redirect the customer back" (Planky).
  await server.allowedRedirectUrls.create({ url: `${front.origin}/bank-return` });
  front.serve({ html: html('<div id="root"></div>'), script: await app.bundle("app.tsx", sandbox.url) });
});

afterAll(async () => {
  await browser?.close();
  await front?.stop();
  await sandbox?.stop();
  await app?.remove();
});

/** A new tab (its own sessionStorage), watched for errors and API calls. */
async function newTab(): Promise<Page> {
  const page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  page.on("response", async (response) => {
    const request = response.request();
    const url = new URL(request.url());
    if (url.origin !== sandbox.url || !url.pathname.startsWith("/public/")) return;
    apiCalls.push({
      call: `${request.method()} ${url.pathname}`,
      authorization: (await request.allHeaders()).authorization,
      allowOrigin: response.headers()["access-control-allow-origin"],
    });
  });
  return page;
}

/**
 * Answers the sandbox's bank page itself (so its decision and its redirect are the sandbox's), optionally with
 * `?result=Rejected` (the customer declines) and a rewrite of the redirect it answers.
 */
async function atTheBank(page: Page, options: { result?: "Rejected"; rewrite?: (back: URL) => void } = {}) {
  await page.route(`${sandbox.url}/_sandbox/bank/**`, async (route) => {
    const url = new URL(route.request().url());
    if (options.result) url.searchParams.set("result", options.result);
    const answer = await route.fetch({ url: url.href, maxRedirects: 0 });
    const back = new URL(answer.headers().location ?? "");
    options.rewrite?.(back);
    await route.fulfill({ status: answer.status(), headers: { location: back.href } });
  });
}

/** From the bank list: Connect at `bankSlug`, the consent screen, Continue; resolves on the return page's outcome. */
async function connect(page: Page, bankSlug: string): Promise<string | null> {
  await page.goto(`${front.origin}/`);
  await page.locator(`li[data-bank="${bankSlug}"] button`).click();
  await page.getByRole("button", { name: /^Continue to / }).click();
  await page.waitForURL(`${front.origin}/bank-return?**`, { timeout: 30_000 });
  const outcome = page.locator("[data-outcome]");
  await outcome.waitFor({ timeout: 30_000 });
  return outcome.getAttribute("data-outcome");
}

const consentAt = async (bankSlug: string) =>
  (await server.customers.getBankConsent({ customerId, bankSlug }).catch(() => undefined))?.status;

describe.sequential("the React page (packed @planky-kit/react, React 18)", () => {
  test("the page and the API are on different origins", () => {
    expect(new URL(front.origin).origin).not.toBe(new URL(sandbox.url).origin);
  });

  test("connect → the sandbox's bank → return → Authorised; the bank list then shows it connected", async () => {
    const page = await newTab();
    await atTheBank(page);
    expect(await connect(page, "barclays")).toBe("authorised");
    expect(await page.locator("[data-outcome]").textContent()).toContain("Your bank is connected.");
    await page.screenshot({ path: `${artifacts}connect-bank-authorised.png` });
    // The return was accepted, so the kept state is gone: a reload cannot finish it twice.
    expect(await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY)).toBeNull();
    expect(await consentAt("barclays")).toBe("Authorised");
    await page.getByRole("link", { name: "Back to your banks" }).click();
    await expect.poll(() => page.locator('li[data-bank="barclays"]').textContent()).toContain("connected");
    await page.reload();
    await page.goto(`${front.origin}/bank-return?status=Success`);
    await page.locator("[data-outcome]").waitFor();
    expect(await page.locator("[data-outcome]").getAttribute("data-outcome")).toBe("state-mismatch");
  });

  test("cancel at the bank: the return says Error, the page says cancelled with Planky's message", async () => {
    const page = await newTab();
    await atTheBank(page, { result: "Rejected" });
    const bank = "hsbc";
    expect(await connect(page, bank)).toBe("cancelled");
    expect(await page.locator("[data-outcome]").textContent()).toContain(
      "You did not share your accounts. (The customer declined at the bank (sandbox))",
    );
    await page.screenshot({ path: `${artifacts}connect-bank-cancelled.png` });
  });

  test("a tampered state is refused, and the connection it tried to finish is still kept", async () => {
    const page = await newTab();
    await atTheBank(page, { rewrite: (back) => back.searchParams.set("state", "tampered") });
    expect(await connect(page, "lloyds")).toBe("state-mismatch");
    const kept = JSON.parse((await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY)) ?? "null");
    expect(kept).toMatchObject({ bankSlug: "lloyds", state: expect.any(String) });
    expect(kept.state).not.toBe("tampered");
    await page.screenshot({ path: `${artifacts}connect-bank-tampered.png` });
  });
});

describe.sequential("the framework-free page (packed @planky-kit/client/connect-bank)", () => {
  test("connect → return → Authorised", async () => {
    front.serve({ html: html("<main></main>"), script: await app.bundle("vanilla.ts", sandbox.url) });
    const page = await newTab();
    await atTheBank(page);
    await page.goto(`${front.origin}/`);
    const bank = "natwest-business";
    await page.locator(`button[data-bank="${bank}"]`).click();
    await page.waitForURL(`${front.origin}/bank-return?**`, { timeout: 30_000 });
    await page.locator("main[data-outcome]").waitFor({ timeout: 30_000 });
    expect(await page.locator("main").getAttribute("data-outcome")).toBe("authorised");
    expect(await page.locator("main").textContent()).toBe(`Connected to ${bank}.`);
    expect(await consentAt(bank)).toBe("Authorised");
  });
});

describe("across every page", () => {
  test("every API call carried `AppUserToken <a token the server created>` and was allowed across origins", () => {
    expect(apiCalls.length).toBeGreaterThan(0);
    for (const { call, authorization, allowOrigin } of apiCalls) {
      expect(
        issuedTokens.map((token) => `AppUserToken ${token}`),
        call,
      ).toContain(authorization);
      expect(allowOrigin, call).toMatch(new RegExp(`^(\\*|${front.origin})$`));
    }
    expect(apiCalls.map(({ call }) => call)).toEqual(
      expect.arrayContaining([
        "GET /public/v3/webflow/banks",
        "POST /public/v3/webflow/banks/barclays/consent",
        "POST /public/v3/webflow/banks/barclays/redirect",
        "GET /public/v3/webflow/banks/barclays/consent/status",
      ]),
    );
  });

  test("nothing was thrown or logged as an error in the browser", () => {
    expect(pageErrors).toEqual([]);
  });
});
