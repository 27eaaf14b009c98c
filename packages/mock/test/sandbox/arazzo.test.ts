/**
 * A runner nobody here wrote walks Planky's two documented flows to the data: `redocly respect` executes the Arazzo
 * description `spec/flows/onboarding.arazzo.yaml` (invitation, custom UX, and the reconfirmation once the customer
 * has agreed again) against a fresh sandbox, checking each step's success criteria and each answer's status,
 * content type and schema against the spec.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const redoclyBin = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

let sandbox: RunningSandbox;
let dir: string;

beforeAll(async () => {
  [sandbox, dir] = await Promise.all([startSandbox(), mkdtemp(join(tmpdir(), "planky-respect-"))]);
}, 180_000);
afterAll(async () => {
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function respect(
  workflow: string,
  userReference: string,
  extra: string[] = [],
): Promise<{ code: number; output: string; report: string }> {
  const report = join(dir, `${workflow}-${userReference}.json`);
  // From the repository root: spec/redocly.yaml (the docs decorators) must not apply to the control API's description.
  const child = spawn(
    process.execPath,
    [
      redoclyBin,
      "respect",
      "spec/flows/onboarding.arazzo.yaml",
      "--workflow",
      workflow,
      "--server",
      `planky=${sandbox.url}`,
      "--server",
      `sandbox=${sandbox.url}`,
      "--input",
      `user_reference=${userReference}`,
      "--input",
      `receiver_url=${sandbox.url}/_sandbox/receiver`,
      "--input",
      `return_url=${sandbox.url}/_sandbox/return`,
      ...extra,
      "--json-output",
      report,
    ],
    { cwd: repoRoot, env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
  );
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const [code] = await once(child, "exit");
  return { code: code as number, output, report };
}

test.each([
  ["invitation-to-data", "list-accounts", "list-transactions"],
  ["custom-ux-to-data", "list-balances", "list-balances"],
])(
  "redocly respect runs the %s workflow end to end against the sandbox, waiting for REPORT_AVAILABLE before %s, to its last step",
  async (workflow, firstDataCall, last) => {
    const run = await respect(workflow, `arazzo-${workflow}`);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Workflows: 1 passed, 1 total/);
    const report = JSON.stringify(JSON.parse(await readFile(run.report, "utf8")));
    expect(report).toContain(last);
    // The webhook is waited for (and found) before the first data call.
    const waited = report.indexOf('"wait-for-report-available"');
    expect(waited).toBeGreaterThan(-1);
    expect(report.indexOf(`"${firstDataCall}"`)).toBeGreaterThan(waited);
  },
  120_000,
);

test("reconfirm-consent, run after the invitation workflow (the customer has agreed again), reconfirms at the bank the data came from", async () => {
  const connected = await respect("invitation-to-data", "arazzo-reconfirm");
  expect(connected.code, connected.output).toBe(0);
  const run = await respect("reconfirm-consent", "arazzo-reconfirm", ["--input", "bank_slug=barclays"]);
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/Workflows: 1 passed, 1 total/);
  expect(JSON.stringify(JSON.parse(await readFile(run.report, "utf8")))).toContain("reconfirm");
}, 180_000);

test("reconfirm-consent fails for a bank without an authorised consent: nothing is reconfirmed on the customer's behalf", async () => {
  const run = await respect("reconfirm-consent", "arazzo-reconfirm", ["--input", "bank_slug=hsbc"]);
  expect(run.code).not.toBe(0);
  expect(run.output).toMatch(/read-consent/);
}, 120_000);

test("the same workflow fails when the sandbox refuses a step (a user_reference already used)", async () => {
  const run = await respect("invitation-to-data", "arazzo-invitation-to-data");
  expect(run.code).not.toBe(0);
  expect(run.output).toMatch(/create-customer/);
}, 120_000);
