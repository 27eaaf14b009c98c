/**
 * The three drift detectors against a "drifting upstream" (the sandbox behind a proxy that alters its answers):
 * the conformance command, the validating proxy and the client's opt-in response check each catch every kind of
 * drift, and report nothing against the unaltered sandbox.
 *
 * The chain: tools → validating proxy → drifting upstream → sandbox (Prism + the stateful API).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPlankyClient, type PlankyLogEvent } from "@planky-kit/client";
import { ResponseValidationError, responseValidator } from "@planky-kit/client/validate";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { conformanceCommand } from "../../src/conformance/command";
import { operations } from "../../src/operations";
import { type RunningProxy, startValidatingProxy } from "../../src/proxy/validating-proxy";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index";
import { CONSENT_BANK, type DriftingUpstream, type DriftKind, startDriftingUpstream } from "./drifting-upstream";

const CLIENT_ID = "drift-test-client";
const CLIENT_SECRET = "drift-test-secret-9f8e7d6c";

/** What each drift must be reported as, by all three tools: `operationId status where: message`. */
const EXPECTED: Record<DriftKind, string> = {
  "missing required field": "getConsentStatus 200 /consent_id: is required but missing",
  "changed type": "getConsentStatus 200 /creation_date_time: must be integer",
  "unknown enum value": "getConsentStatus 200 /status: must be equal to one of the allowed values",
  "renamed envelope key": "listCustomerBanks 200 /data: is required but missing",
  "undeclared status": "getConsentStatus 202 status: HTTP 202 is not declared for this operation",
  "wrong content type": "getConsentStatus 200 header content-type: is text/html, the spec declares application/json",
  "non-JSON body": "getConsentStatus 200 (body): is not valid JSON",
  "required response header missing":
    "getConsentStatus 200 header content-type: is missing (the spec declares application/json)",
};
const KINDS = Object.keys(EXPECTED) as DriftKind[];

// Each test makes a few dozen requests through Prism; on a loaded 2-core machine that can take well over 5 s.
vi.setConfig({ testTimeout: 120_000 });

let sandbox: RunningSandbox;
let upstream: DriftingUpstream;
let proxy: RunningProxy;
let dir: string;
const proxyLog: string[] = [];

beforeAll(async () => {
  [sandbox, dir] = await Promise.all([
    startSandbox({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
    mkdtemp(join(tmpdir(), "planky-drift-")),
  ]);
  upstream = await startDriftingUpstream(sandbox.url);
  proxy = await startValidatingProxy({ upstream: upstream.url, log: (line) => proxyLog.push(line) });
}, 180_000);

afterAll(async () => {
  await proxy?.stop();
  await upstream?.stop();
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function conformance(extra: string[] = []): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await conformanceCommand(
    ["--base-url", proxy.url, "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET, "--allow-writes", ...extra],
    { out: (line) => lines.push(line), err: (line) => lines.push(line) },
  );
  return { code, output: lines.join("\n") };
}

/** The client's calls that meet every drift: a customer, its token, its consent status and its banks. */
async function clientCalls(mode: "warn" | "throw"): Promise<{ events: PlankyLogEvent[]; errors: unknown[] }> {
  const events: PlankyLogEvent[] = [];
  const errors: unknown[] = [];
  const planky = createPlankyClient({
    baseUrl: proxy.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    maxRetries: 0,
    validateResponses: responseValidator(mode),
    logger: (event) => {
      if (event.type === "response_mismatch") events.push(event);
    },
  });
  const settle = (promise: Promise<unknown>) => promise.catch((error: unknown) => errors.push(error));
  const customer = await planky.customers.create({ user_reference: `drift-${mode}-${Date.now()}` });
  const { token } = await planky.customers.createToken({ customerId: customer.id });
  await settle(planky.consents.getStatus({ bankSlug: CONSENT_BANK, customerToken: token }));
  await settle(planky.customers.listBanks({ customerId: customer.id }));
  return { events, errors };
}

const lineOf = (event: {
  operationId?: string;
  status?: number;
  violations?: readonly { where: string; message: string }[];
}) => (event.violations ?? []).map((v) => `${event.operationId} ${event.status} ${v.where || "(body)"}: ${v.message}`);

describe("against the unaltered sandbox", () => {
  test("the conformance command covers every operation and finds no violation (exit 0)", async () => {
    upstream.drift = undefined;
    const { code, output } = await conformance();
    const all = operations.length;
    expect(output).toMatch(new RegExp(`${all} of ${all} operations exercised, ${all} responses checked, 0 violations`));
    expect(output).not.toContain("not covered");
    expect(code).toBe(0);
  });

  test("the proxy records nothing and the client's check, in both modes, stays silent", async () => {
    upstream.drift = undefined;
    const before = proxy.violations.length;
    const warn = await clientCalls("warn");
    const thrown = await clientCalls("throw");
    expect(warn).toEqual({ events: [], errors: [] });
    expect(thrown).toEqual({ events: [], errors: [] });
    expect(proxy.violations.length).toBe(before);
    expect(upstream.altered).toBe(0);
  });
});

describe.each(KINDS)("drift: %s", (kind) => {
  const expected = EXPECTED[kind];

  test("the conformance command prints it and exits 1", async () => {
    upstream.drift = kind;
    const { code, output } = await conformance();
    expect(output.split("\n").some((line) => line.startsWith(expected))).toBe(true);
    expect(code).toBe(1);
  });

  test("the proxy logs it, lists it at /_proxy/violations, and passes the answer through", async () => {
    upstream.drift = kind;
    const before = proxy.violations.length;
    const logged = proxyLog.length;
    await clientCalls("warn");
    const listed = (await (await fetch(`${proxy.url}/_proxy/violations`)).json()) as {
      data: { operationId: string; status: number; where: string; message: string }[];
    };
    const lines = listed.data
      .slice(before)
      .map((v) => `${v.operationId} ${v.status} ${v.where || "(body)"}: ${v.message}`);
    expect(lines.some((line) => line.startsWith(expected))).toBe(true);
    expect(proxyLog.slice(logged).some((line) => line.includes(expected))).toBe(true);
  });

  test("the client's check warns with a response_mismatch event, or throws ResponseValidationError", async () => {
    upstream.drift = kind;
    const warn = await clientCalls("warn");
    expect(warn.events.flatMap(lineOf).some((line) => line.startsWith(expected))).toBe(true);
    expect(warn.errors.some((error) => error instanceof ResponseValidationError)).toBe(false);

    const thrown = await clientCalls("throw");
    const errors = thrown.errors.filter((error) => error instanceof ResponseValidationError);
    expect(errors.flatMap(lineOf).some((line) => line.startsWith(expected))).toBe(true);
  });
});

describe("the proxy's answers", () => {
  /** An access token and a customer with an Authorised consent at Barclays, made through `base`. */
  async function customerVia(base: string): Promise<{ bearer: string; customerId: string }> {
    const token = await fetch(`${base}/oauth/v2/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, grant_type: "client_credentials" }),
    });
    const bearer = `Bearer ${((await token.json()) as { access_token: string }).access_token}`;
    const customer = await fetch(`${base}/public/v3/customers`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: bearer },
      body: JSON.stringify({ user_reference: `proxy-${Date.now()}-${Math.random()}` }),
    });
    return { bearer, customerId: ((await customer.json()) as { id: string }).id };
  }

  test("pass a drifted answer through unchanged: status, content type and body as the upstream sent them", async () => {
    upstream.drift = "renamed envelope key";
    const { bearer, customerId } = await customerVia(proxy.url);
    const path = `/public/v3/customers/${customerId}/banks`;
    const viaProxy = await fetch(proxy.url + path, { headers: { authorization: bearer } });
    const direct = await fetch(upstream.url + path, { headers: { authorization: bearer } });
    expect(viaProxy.status).toBe(direct.status);
    expect(viaProxy.headers.get("content-type")).toBe(direct.headers.get("content-type"));
    const body = await viaProxy.text();
    expect(body).toBe(await direct.text());
    expect(JSON.parse(body)).toHaveProperty("banks");
  });

  test("with --strict, a drifted answer becomes a 502 naming the violation; a conforming one passes", async () => {
    const strict = await startValidatingProxy({ upstream: upstream.url, strict: true, log: () => {} });
    try {
      upstream.drift = undefined;
      const { bearer, customerId } = await customerVia(strict.url);
      const path = `/public/v3/customers/${customerId}/banks`;
      const conforming = await fetch(strict.url + path, { headers: { authorization: bearer } });
      expect(conforming.status).toBe(200);
      expect(await conforming.json()).toHaveProperty("data");

      upstream.drift = "renamed envelope key";
      const drifted = await fetch(strict.url + path, { headers: { authorization: bearer } });
      expect(drifted.status).toBe(502);
      expect(drifted.headers.get("content-type")).toBe("application/problem+json");
      expect(((await drifted.json()) as { violations: unknown[] }).violations).toEqual([
        { operationId: "listCustomerBanks", status: 200, where: "/data", message: "is required but missing" },
      ]);
    } finally {
      await strict.stop();
    }
  });
});

describe("the conformance command's output", () => {
  test("never contains the client secret, the access token or a customer token, in the console or the reports", async () => {
    upstream.drift = "unknown enum value";
    const markdown = join(dir, "report.md");
    const junit = join(dir, "report.xml");
    const runs = [await conformance(["--report", markdown]), await conformance(["--report", junit])];
    const texts = [...runs.map((run) => run.output), await readFile(markdown, "utf8"), await readFile(junit, "utf8")];
    expect(upstream.tokensSeen.size).toBeGreaterThanOrEqual(2);
    for (const secret of [CLIENT_SECRET, ...upstream.tokensSeen]) {
      for (const text of texts) expect(text).not.toContain(secret);
    }
    expect(texts[2]).toContain(EXPECTED["unknown enum value"]);
    expect(texts[3]).toContain(
      `<testsuites name="planky-conformance" tests="${operations.length}" failures="1" skipped="0">`,
    );
    expect(texts[3]).toContain("<failure");
  });

  test("refused credentials: one clear line, exit 2, no stack trace and no secret", async () => {
    const lines: string[] = [];
    const code = await conformanceCommand(
      ["--base-url", proxy.url, "--client-id", CLIENT_ID, "--client-secret", "wrong-secret-1234567"],
      { out: (line) => lines.push(line), err: (line) => lines.push(line) },
    );
    expect(code).toBe(2);
    expect(lines).toEqual([
      "planky-mock conformance: the server refused the client id and secret (HTTP 400 from /oauth/v2/token); check --client-id and --client-secret",
    ]);
  });

  test("an unreachable server: one clear line, exit 2", async () => {
    const lines: string[] = [];
    const closed = await startValidatingProxy({ upstream: "http://127.0.0.1:9" });
    const url = closed.url;
    await closed.stop(); // nothing listens there any more
    const code = await conformanceCommand(["--base-url", url, "--client-id", "id", "--client-secret", CLIENT_SECRET], {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    });
    expect(code).toBe(2);
    expect(lines).toEqual([`planky-mock conformance: could not reach ${url} (ECONNREFUSED)`]);
  });

  test("read-only by default: the creates are listed as not covered, never as passed", async () => {
    upstream.drift = undefined;
    const lines: string[] = [];
    const code = await conformanceCommand(
      ["--base-url", proxy.url, "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET],
      { out: (line) => lines.push(line), err: (line) => lines.push(line) },
    );
    expect(code).toBe(0);
    expect(lines).toContain(
      "not covered: createCustomer (POST /public/v3/customers): creates or deletes data: run with --allow-writes",
    );
    expect(lines).toContain(
      "not covered: getConsentStatus (GET /public/v3/webflow/banks/{bank_slug}/consent/status): no customer token (needs --allow-writes)",
    );
    expect(lines.filter((line) => line.startsWith("not covered: ")).length).toBeGreaterThanOrEqual(8);
  });
});
