/**
 * The docs site as users see it: `scripts/start.mjs` (the main job) serves it next to the mock, and a real headless
 * Chromium renders it. Screenshots go to test-artifacts/ (git-ignored).
 */
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchChromium } from "./support/browser";
import { type MainJob, startMainJob } from "./support/main-job";
import { type Operation, operations, shownSample, webhookOperations } from "./support/spec";

const artifacts = fileURLToPath(new URL("../test-artifacts/", import.meta.url));

let job: MainJob;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
/** Requests to other hosts: the site must make none (it is served offline); each one fails the test below. */
const offOrigin = new Set<string>();

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  [job, browser] = await Promise.all([startMainJob(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Generous: a loaded 2-core machine renders Redoc slowly, and a waiting step returns as soon as it can.
  page.setDefaultTimeout(30_000);
  const local = new URL(job.docsUrl).origin;
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${local}/`) || url.startsWith("data:")) return route.continue();
    offOrigin.add(url); // recorded, and refused: the test runs offline
    return route.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(job.docsUrl);
  await page.getByText("Try it against the local mock").first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await job?.stop();
});

/** The text as rendered (line breaks included), which is what a reader sees and copies. */
// biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, not a DOM node.
const renderedText = (locator: Locator) => locator.innerText();

const menuLabels = () => page.locator('[data-testid="menu-item-label"]');
const visibleItem = (text: string) => menuLabels().filter({ hasText: text }).filter({ visible: true }).first();

/** The navigation entry of an operation, opening its tag group first if it is closed. */
async function navigationEntry({ summary, tag }: Operation) {
  // Tag groups start collapsed, and Redoc opens and closes them while scrolling.
  if (!(await visibleItem(summary).isVisible())) {
    await menuLabels()
      .filter({ hasText: new RegExp(`^${tag}$`) })
      .click();
  }
  await visibleItem(summary).waitFor();
  return visibleItem(summary);
}

/** The rendered label of an operation's entry; Redoc's scroll-spy may fold the group between finding and reading. */
async function navigationText(operation: Operation): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      // biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, not a DOM node.
      return await (await navigationEntry(operation)).innerText({ timeout: 2_000 });
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

test("the overview lists the running mock as the first server, before production", async () => {
  const servers = await renderedText(page.locator('[data-component-name="Panel/Panel"]', { hasText: "Servers" }));
  const mockAt = servers.indexOf(job.mockUrl);
  expect(mockAt, servers).toBeGreaterThanOrEqual(0);
  expect(mockAt).toBeLessThan(servers.indexOf("https://api.friendlyscore.com"));
  await page.screenshot({ path: `${artifacts}docs-overview.png` });
});

test("every operation of the spec appears in the navigation, with its method", async () => {
  for (const operation of operations) {
    expect((await navigationText(operation)).replace(/\s+/g, " ").trim()).toBe(
      `${operation.summary} ${operation.method.toUpperCase()}`,
    );
  }
});

test.skipIf(webhookOperations.length === 0)("every webhook of the spec appears in the navigation", async () => {
  for (const webhook of webhookOperations) {
    expect(await navigationText(webhook)).toContain(webhook.summary);
  }
});

test("createInvitation shows its TypeScript sample, as in samples/createInvitation.ts", async () => {
  const createInvitation = operations.find((operation) => operation.operationId === "createInvitation");
  if (!createInvitation) throw new Error("the spec has no createInvitation");
  // Redoc's scroll-spy may fold the group again while the page scrolls to it: try the click up to three times.
  for (let attempt = 1; ; attempt++) {
    const clicked = await (await navigationEntry(createInvitation)).click({ timeout: 2_000 }).then(
      () => true,
      (error) => {
        if (attempt === 3) throw error;
        return false;
      },
    );
    if (clicked) break;
  }
  // The overview's quick start calls invitations.create() too; `customer_type` is only in this sample.
  const code = page
    .locator("pre")
    .filter({ hasText: "planky.invitations.create(" })
    .filter({ hasText: "customer_type" })
    .filter({ visible: true })
    .first();
  await code.waitFor();
  expect((await renderedText(code)).trim()).toBe(shownSample("createInvitation"));
  await expect.poll(() => page.getByRole("button", { name: "TypeScript" }).count()).toBeGreaterThan(0);
  await page.screenshot({ path: `${artifacts}docs-createInvitation.png` });
});

test("the Servers card shows no markdown backticks", async () => {
  const servers = await renderedText(page.locator('[data-component-name="Panel/Panel"]', { hasText: "Servers" }));
  expect(servers).toContain(job.mockUrl);
  expect(servers).not.toContain("`");
});

/** Every code block of the overview: its box, whether part of it is hidden, its Copy button and its highlighting. */
function overviewCodeBlocks() {
  return page.locator("pre[data-planky-code]").evaluateAll((blocks) =>
    blocks
      .filter((pre) => (pre as HTMLElement).offsetParent !== null)
      .map((pre) => {
        const box = pre.getBoundingClientRect();
        return {
          text: (pre.querySelector("code")?.textContent ?? "").slice(0, 40),
          source: pre.querySelector("code")?.textContent ?? "",
          right: Math.round(box.right),
          // Hidden: wider than its box, so part of a line is out of sight (behind a scroll at best).
          hidden: pre.scrollWidth > pre.clientWidth + 1,
          copyButton: pre.querySelector(":scope > .planky-copy")?.textContent ?? null,
          highlighted: pre.querySelector(".token.comment, .token.string, .token.keyword") !== null,
        };
      }),
  );
}

test.each([
  [1440, 900],
  [390, 844],
])("overview code at %i px: highlighted, with a Copy button, nothing cut off (screenshot)", async (width, height) => {
  await page.setViewportSize({ width, height });
  try {
    // The Quick start, the token one-liner, the Front end pair and the Try-it flow at least.
    await expect.poll(async () => (await overviewCodeBlocks()).length, { timeout: 30_000 }).toBeGreaterThan(4);
    const blocks = await overviewCodeBlocks();
    for (const block of blocks) {
      expect(block, block.text).toMatchObject({ hidden: false, copyButton: "Copy" });
      expect(block.right, block.text).toBeLessThanOrEqual(width);
    }
    // Only a block with no comment and no string (e.g. a one-line `npx …` command) has nothing to colour.
    for (const block of blocks.filter((b) => !b.highlighted)) {
      expect(block.source, block.text).not.toMatch(/["'`]|(^|\s)(\/\/|#)/m);
    }
    expect(blocks.filter((block) => block.highlighted).length).toBeGreaterThan(4);
    await page.locator("pre[data-planky-code]").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}docs-overview-code-${width}.png` });
  } finally {
    await page.setViewportSize({ width: 1440, height: 900 });
  }
});

test("the Copy button copies the block's text exactly", async () => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(job.docsUrl).origin });
  const block = page
    .locator("pre[data-planky-code]")
    .filter({ hasText: "PLANKY_ACCESS_TOKEN=$(curl --silent" })
    .first();
  await block.scrollIntoViewIfNeeded();
  const shown = await block.locator("code").evaluate((code) => code.textContent ?? "");
  await block.locator(".planky-copy").click();
  await expect.poll(() => block.locator(".planky-copy").textContent()).toBe("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
});

test("llms.txt and every Markdown page it links answer from the site's origin, as Markdown", async () => {
  const link = page.locator('a[href="llms.txt"]').first();
  await link.waitFor({ state: "attached" });
  const index = new URL((await link.getAttribute("href")) ?? "", job.docsUrl).href;
  const answers = await page.evaluate(async (indexUrl) => {
    const get = async (url: string) => {
      const response = await fetch(url);
      return { url, status: response.status, type: response.headers.get("content-type"), text: await response.text() };
    };
    const llms = await get(indexUrl);
    const links = [...llms.text.matchAll(/\]\(([^)]+)\)/g)].map((match) => new URL(match[1] ?? "", indexUrl).href);
    return [llms, ...(await Promise.all(links.map(get)))];
  }, index);
  const [llms, ...pages] = answers;
  expect(llms).toMatchObject({ status: 200, type: "text/plain; charset=utf-8" });
  expect(pages.length).toBeGreaterThan(operations.length);
  for (const answer of pages) {
    expect(answer.status, answer.url).toBe(200);
    expect(answer.type, answer.url).toBe(
      answer.url.endsWith(".json") ? "application/json" : "text/markdown; charset=utf-8",
    );
  }
  const createCustomer = pages.find((answer) => answer.url.endsWith("/operations/createCustomer.md"));
  expect(createCustomer?.text).toContain(shownSample("createCustomer"));
});

test("an operation's copy icon sits above its sample's first line, not over it", async () => {
  const getConsentStatus = operations.find((operation) => operation.operationId === "getConsentStatus");
  if (!getConsentStatus) throw new Error("the spec has no getConsentStatus");
  await (await navigationEntry(getConsentStatus)).click();
  const block = page
    .locator('[data-component-name="CodeBlock/CodeBlock"]')
    .filter({ hasText: "createWebflowClient" })
    .filter({ visible: true })
    .first();
  await block.waitFor();
  const icon = await block.locator('[data-testid="copy-button"]').first().boundingBox();
  const firstLine = await block.locator("pre .line").first().boundingBox();
  if (!icon || !firstLine) throw new Error("no copy icon or no first line");
  expect(icon.y + icon.height).toBeLessThanOrEqual(firstLine.y + 1);
});

test("a URL in a shell block is not greyed as a comment (only // or # after a space or at a line's start)", async () => {
  const comments = await page
    .locator("pre[data-planky-code] .token.comment")
    .evaluateAll((spans) => spans.map((span) => span.textContent ?? ""));
  expect(comments.length).toBeGreaterThan(0);
  expect(comments.filter((text) => text.startsWith("//127.0.0.1"))).toEqual([]);
});

test("search snippets keep the space at the spec's line breaks (no glued words)", async () => {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+k");
  await page.keyboard.type("access token");
  // In openapi.yaml "Get the" ends a line and "`client_id`" starts the next one.
  const snippet = page.getByText("Exchanges your API credentials for a short-lived", { exact: false }).first();
  await snippet.waitFor();
  expect(await renderedText(snippet)).toContain("access token. Get the client_id");
  await page.keyboard.press("Escape");
});

test("the site requests nothing from any other host", () => {
  expect([...offOrigin]).toEqual([]);
});

test("no error was logged to the console", () => {
  expect(consoleErrors).toEqual([]);
});
