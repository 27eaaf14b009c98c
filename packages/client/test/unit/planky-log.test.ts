/**
 * `PLANKY_LOG=debug|info|warn|off`: the logger events as JSON lines on stderr, without a code change; an explicit
 * `logger` wins. The last test runs a real process and reads its stderr.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createPlankyClient, PlankyValidationError } from "../../src/index";
import { CLIENT_SECRET, connectionError, json } from "./stub-fetch";

/** A client whose API answers 503 once, then 200; and whose first connection attempt is refused. */
function client(options: { logger?: () => void } = {}) {
  let calls = 0;
  return createPlankyClient({
    baseUrl: "https://planky.test",
    clientId: "client-id",
    clientSecret: CLIENT_SECRET,
    initialRetryDelay: 1,
    ...options,
    fetch: async (request) => {
      if (request.url.endsWith("/oauth/v2/token")) return json({ access_token: "token-1", expires_in: 3600 });
      calls++;
      if (calls === 1) throw connectionError("ECONNREFUSED");
      return calls === 2 ? json({}, 503) : json({ data: [] });
    },
  });
}

/** The event types printed on stderr (console.error) while one call runs with `PLANKY_LOG=level`. */
async function printed(level: string | undefined, options: { logger?: () => void } = {}) {
  vi.stubEnv("PLANKY_LOG", level);
  const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
  await client(options).customers.listBanks({ customerId: "c1" });
  const lines = stderr.mock.calls.map((args) => String(args[0]));
  for (const line of lines) expect(line).toMatch(/^\[planky\] \{.*\}$/);
  return { lines, types: lines.map((line) => (JSON.parse(line.slice("[planky] ".length)) as { type: string }).type) };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("PLANKY_LOG", () => {
  test("debug prints every event: each answer, each retry, each connection error", async () => {
    const { types, lines } = await printed("debug");
    expect(types).toEqual(["response", "connection-error", "retry", "response", "retry", "response"]);
    expect(JSON.parse((lines[0] as string).slice(9))).toMatchObject({
      type: "response",
      url: "POST https://planky.test/oauth/v2/token",
      status: 200,
    });
    for (const secret of [CLIENT_SECRET, "token-1"]) expect(lines.join("\n")).not.toContain(secret);
  });

  test("info prints retries and connection errors; warn only connection errors", async () => {
    expect((await printed("info")).types).toEqual(["connection-error", "retry", "retry"]);
    vi.restoreAllMocks();
    expect((await printed("warn")).types).toEqual(["connection-error"]);
  });

  test("off, empty or unset: nothing", async () => {
    for (const level of ["off", "", undefined]) {
      expect((await printed(level)).types).toEqual([]);
      vi.restoreAllMocks();
    }
  });

  test("an explicit logger wins: it gets the events, stderr gets none", async () => {
    const logger = vi.fn();
    expect((await printed("debug", { logger })).types).toEqual([]);
    expect(logger).toHaveBeenCalledTimes(6);
  });

  test("an unknown level is a PlankyValidationError naming PLANKY_LOG", () => {
    vi.stubEnv("PLANKY_LOG", "verbose");
    expect(() => client()).toThrow(PlankyValidationError);
    expect(() => client()).toThrow(/PLANKY_LOG.*off,warn,info,debug/);
  });

  test("a real process with PLANKY_LOG=info writes the retry to its stderr", async () => {
    const dir = mkdtempSync(join(tmpdir(), "planky-log-"));
    try {
      const entry = join(dir, "main.ts");
      const index = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
      writeFileSync(
        entry,
        `import { createPlankyClient } from ${JSON.stringify(index)};
let calls = 0;
const planky = createPlankyClient({ accessToken: "access-token-XYZ", baseUrl: "https://planky.test", initialRetryDelay: 1,
  fetch: async () => new Response(JSON.stringify({ data: [] }), { status: ++calls === 1 ? 503 : 200 }) });
await planky.customers.listBanks({ customerId: "c1" });
process.stdout.write("done");`,
      );
      const outfile = join(dir, "main.mjs");
      await build({ entryPoints: [entry], outfile, bundle: true, format: "esm", platform: "node", logLevel: "silent" });
      const run = spawnSync(process.execPath, [outfile], {
        env: { ...process.env, PLANKY_LOG: "info" },
        encoding: "utf8",
      });
      expect(run.stdout).toBe("done");
      const lines = run.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(JSON.parse((lines[0] as string).replace("[planky] ", ""))).toMatchObject({
        type: "retry",
        status: 503,
        attempt: 1,
        url: "GET https://planky.test/public/v3/customers/c1/banks",
      });
      expect(run.stderr).not.toContain("access-token-XYZ");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
