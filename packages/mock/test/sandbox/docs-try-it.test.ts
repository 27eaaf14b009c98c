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

test("runs as printed: 404, then Authorised, REPORT_AVAILABLE delivered to the receiver, then a reset", async () => {
  const run = script.replace("B=http://127.0.0.1:4010\n", `B=${sandbox.url}\nset -euo pipefail\n`);
  const { stdout } = await promisify(execFile)("bash", ["-c", run], { timeout: 60_000 });
  const lines = stdout.split("\n");
  expect(lines).toContain("404");
  expect(lines).toContain("Authorised");
  expect(stdout).toContain('"webhook_type": "REPORT_AVAILABLE"');
  expect(stdout).toContain(`"url": "${sandbox.url}/_sandbox/receiver"`);
  expect(stdout).toContain('"status": 204');
  expect(stdout).toContain('"webhook_type":"ACCOUNT_AUTHORIZATION_LOST"');
  expect(stdout.trim().endsWith('{"reset":true}')).toBe(true);
}, 120_000);
