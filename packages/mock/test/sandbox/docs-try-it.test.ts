/**
 * The docs overview's "Try it" curl walk-through (packages/docs/overview.md) runs as printed, with bash, curl and
 * jq, against a fresh sandbox: every claim in its comments is checked here.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index";

const overview = await readFile(new URL("../../../docs/overview.md", import.meta.url), "utf8");
const tryIt = overview.slice(overview.indexOf("## Try it"));
const script = /```sh\n([\s\S]*?)```/.exec(tryIt)?.[1] ?? "";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
}, 180_000);
afterAll(() => sandbox?.stop());

test("the walk-through is there and points at the default port", () => {
  expect(script).toContain("B=http://127.0.0.1:4010\n");
});

test("runs as printed: invitation URL, receiver id, 404, REPORT_AVAILABLE, Authorised, the deliveries, LOST, UPDATED, reset", async () => {
  const run = script.replace("B=http://127.0.0.1:4010\n", `B=${sandbox.url}\nset -euo pipefail\n`);
  const { stdout } = await promisify(execFile)("bash", ["-c", run], { timeout: 60_000 });
  const lines = stdout.trim().split("\n");
  // Revoked sends ACCOUNT_AUTHORIZATION_LOST once per account at the bank: one to three lines.
  const lost = lines.filter((line) => line.includes("ACCOUNT_AUTHORIZATION_LOST")).length;
  expect(lost).toBeGreaterThanOrEqual(1);
  expect(lost).toBeLessThanOrEqual(3);
  expect(lines).toEqual([
    expect.stringMatching(new RegExp(`^${sandbox.url}/_sandbox/invitations/\\d+$`)),
    expect.stringMatching(/^\{"id":"\d+"\}$/),
    "404",
    '{"webhook_type":"REPORT_AVAILABLE","status":204}',
    "Authorised",
    `{"webhook_type":"REPORT_AVAILABLE","url":"${sandbox.url}/_sandbox/receiver","status":204}`,
    ...Array.from({ length: lost }, () => '{"webhook_type":"ACCOUNT_AUTHORIZATION_LOST","status":204}'),
    '{"webhook_type":"REPORT_UPDATED","status":204}',
    '{"reset":true}',
  ]);
}, 120_000);
