/**
 * Every walk-through a newcomer copies runs as printed on a sandbox that has already run it: each one twice in a row
 * against ONE sandbox (`@planky-kit/mock`'s, as `pnpm start` serves it), only the printed base URL pointed at it.
 * They must create fresh references, read ids from the answers and send webhooks to a receiver that exists; the
 * first run of one leaves the state the second run (and the next walk-through) finds.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { type RunningSandbox, startSandbox } from "@planky-kit/mock/sandbox";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { readmeSnippet } from "./support/readme-snippet";

const PRINTED_BASE = "B=http://127.0.0.1:4010\n";
const scratch = new URL("../test-artifacts/", import.meta.url);

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
  vi.stubEnv("PLANKY_BASE_URL", sandbox.url);
  vi.stubEnv("PLANKY_CLIENT_ID", "walkthrough-client-id");
  vi.stubEnv("PLANKY_CLIENT_SECRET", "walkthrough-client-secret");
  await mkdir(scratch, { recursive: true });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await sandbox?.stop();
});

/** Imports a module (a fresh copy each run: modules run once) and hands back what it logged. */
async function runModule(file: URL): Promise<string[]> {
  const logged: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
  try {
    await import(file.href);
  } finally {
    spy.mockRestore();
  }
  return logged;
}

/** The first ```sh block after `marker` in a markdown file, run with bash against the sandbox; its output lines. */
async function runShellWalkthrough(markdown: URL, marker: string): Promise<string[]> {
  const text = await readFile(markdown, "utf8");
  const at = text.indexOf(marker);
  if (at === -1) throw new Error(`${markdown.pathname} has no "${marker}"`);
  const script = /```sh\n([\s\S]*?)```/.exec(text.slice(at))?.[1] ?? "";
  if (!script.startsWith(PRINTED_BASE))
    throw new Error(`the walk-through after "${marker}" does not start ${PRINTED_BASE}`);
  // pipefail: a curl or jq that fails fails the run (curl -s without --fail still exits 0 on an HTTP error, which
  // the output checks below catch).
  const run = script.replace(PRINTED_BASE, `B=${sandbox.url}\nset -euo pipefail\n`);
  const { stdout } = await promisify(execFile)("bash", ["-c", run], { timeout: 60_000 });
  return stdout.trim().split("\n");
}

describe.sequential("each walk-through twice in a row on one sandbox", () => {
  test("the root README's 'Using the client'", async () => {
    for (const round of [1, 2]) {
      const { file } = await readmeSnippet("## Using the client", `readme-twice-${round}.ts`, sandbox.url);
      const logged: string[] = [];
      const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
      try {
        const readme = (await import(file.href)) as { onPlankyWebhook(rawBody: string): Promise<void> };
        const [, customerId] = /^customer (\d+) invited: /.exec(logged[0] ?? "") ?? [];
        expect(logged, `round ${round}`).toEqual([
          expect.stringMatching(new RegExp(`^customer \\d+ invited: ${sandbox.url}/_sandbox/invitations/\\d+$`)),
        ]);
        // The customer connects barclays (the control API stands in), then Planky's REPORT_AVAILABLE reaches the
        // route (the snippet registers no receiver, so the test posts the documented payload to it).
        const connected = await fetch(`${sandbox.url}/_sandbox/consents`, {
          method: "POST",
          body: JSON.stringify({ customer_id: customerId, bank_slug: "barclays", status: "Authorised" }),
        });
        expect(connected.status).toBe(200);
        await readme.onPlankyWebhook(
          JSON.stringify({
            msg: "Customer report is available",
            customer_id: Number(customerId),
            webhook_type: "REPORT_AVAILABLE",
          }),
        );
      } finally {
        spy.mockRestore();
      }
      expect(logged.slice(1), `round ${round}`).toEqual([
        "barclays Authorised",
        expect.stringMatching(/^[1-3] account\(s\)$/),
        expect.stringMatching(/^[2-6] balance\(s\)$/),
        expect.stringMatching(/^[1-9]\d* transaction\(s\)$/),
      ]);
    }
  });

  test("the docs' Quick start (samples/guides/end-to-end.ts)", async () => {
    for (const round of [1, 2]) {
      const copy = new URL(`end-to-end-twice-${round}.ts`, scratch);
      await copyFile(new URL("../samples/guides/end-to-end.ts", import.meta.url), copy);
      const logged = await runModule(copy);
      expect(logged).toEqual([
        expect.stringMatching(new RegExp(`^invitation created: ${sandbox.url}/_sandbox/invitations/\\d+$`)),
      ]);
    }
  });

  test("the mock README's sandbox walk-through", async () => {
    const readme = new URL("../../mock/README.md", import.meta.url);
    const customers: string[] = [];
    for (const round of [1, 2]) {
      const [customerId, webhook, ...deliveries] = await runShellWalkthrough(readme, "## The sandbox");
      expect(customerId, `round ${round}`).toMatch(/^\d+$/);
      customers.push(customerId as string);
      expect(webhook).toMatch(/^\{"id":"\d+"\}$/);
      // One delivery per registered receiver (each run registers one), every one accepted.
      expect(deliveries).toEqual(
        Array(round).fill(`{"webhook_type":"REPORT_AVAILABLE","url":"${sandbox.url}/_sandbox/receiver","status":204}`),
      );
    }
    expect(new Set(customers).size).toBe(2);
  });

  test("the docs overview's 'Try it against the local mock' curl flow", async () => {
    const overview = new URL("../overview.md", import.meta.url);
    for (const round of [1, 2]) {
      const lines = await runShellWalkthrough(overview, "## Try it");
      expect(lines[0], `round ${round}`).toMatch(new RegExp(`^${sandbox.url}/_sandbox/invitations/\\d+$`));
      expect(lines).toContain("404");
      expect(lines).toContain("Authorised");
      expect(lines).toContain('{"webhook_type":"ACCOUNT_AUTHORIZATION_LOST","status":204}');
      expect(lines.at(-1)).toBe('{"reset":true}');
    }
  });
});
