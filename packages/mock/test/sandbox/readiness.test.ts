/**
 * Readiness and Prism's health: `GET /_sandbox/health` is 200 only while a request makes the whole trip, the CLI
 * prints exactly one line (with the URL) once that is so, and a Prism that dies is restarted, never leaving the
 * sandbox answering 502 to everything (review defect 1's second half).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { launchSandbox, type SandboxInternals } from "../../src/sandbox/start";
import { rawRequest } from "./support";

const packageDir = new URL("../..", import.meta.url).pathname;

describe("planky-mock serve", () => {
  test("prints exactly one line, with the URL, and the sandbox answers the moment it appears (--verbose: Prism's log on stderr)", async () => {
    const cli = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "serve", "--port", "0", "--verbose"], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    try {
      let stdout = "";
      cli.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const firstLine = await new Promise<string>((resolve, reject) => {
        cli.stdout.on("data", (chunk) => {
          stdout += chunk;
          if (stdout.includes("\n")) resolve(stdout);
        });
        cli.once("exit", (code) => reject(new Error(`planky-mock exited (${code}):\n${stdout}${stderr}`)));
      });
      const match =
        /^Planky sandbox \(stateful, checked by Prism\): (http:\/\/127\.0\.0\.1:\d+) {2}\(ready; .*\)\n$/.exec(
          firstLine,
        );
      expect(match, firstLine).not.toBeNull();
      const url = match?.[1] ?? "";
      const health = await rawRequest(url, "GET", "/_sandbox/health");
      expect({ status: health.status, body: JSON.parse(health.body) }).toEqual({ status: 200, body: { status: "ok" } });
      const token = await rawRequest(url, "POST", "/oauth/v2/token", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: "a", client_secret: "b", grant_type: "client_credentials" }),
      });
      expect(token.status).toBe(200);
      expect(stdout).toBe(firstLine); // nothing else on stdout
    } finally {
      const exited = once(cli, "exit");
      cli.kill("SIGTERM");
      await exited;
    }
    // Prism's own "listening" line went to stderr, not before the ready line on stdout.
    expect(stderr).toContain("Prism is listening");
  }, 180_000);
});

describe("a sandbox whose Prism dies", () => {
  let sandbox: SandboxInternals;
  beforeAll(async () => {
    sandbox = await launchSandbox({}, (api) => api);
  }, 180_000);
  afterAll(() => sandbox?.stop());

  test("health is 200 once startSandbox() has resolved", async () => {
    const health = await rawRequest(sandbox.url, "GET", "/_sandbox/health");
    expect({ status: health.status, body: JSON.parse(health.body) }).toEqual({ status: 200, body: { status: "ok" } });
  });

  test("Prism killed: the sandbox restarts it on the same port, and health and the API answer again", async () => {
    const killed = sandbox.prism.pid as number;
    const prismUrl = sandbox.prism.url;
    process.kill(killed, "SIGKILL");
    await vi.waitFor(() => expect(sandbox.prism.pid).not.toBe(killed), { timeout: 150_000, interval: 100 });
    await sandbox.prism.running();
    expect(sandbox.prism.url).toBe(prismUrl);
    const health = await rawRequest(sandbox.url, "GET", "/_sandbox/health");
    expect(health.status).toBe(200);
    const token = await rawRequest(sandbox.url, "POST", "/oauth/v2/token", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: "a", client_secret: "b", grant_type: "client_credentials" }),
    });
    expect(token.status).toBe(200);
  }, 180_000);

  test("while Prism is not running, health and the API answer 503 saying why (not a 502 about reaching Prism)", async () => {
    await sandbox.prism.stop();
    const health = await rawRequest(sandbox.url, "GET", "/_sandbox/health");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: "unavailable", message: "the sandbox was stopped" });
    const call = await rawRequest(sandbox.url, "GET", "/public/v3/webflow/banks", {
      headers: { authorization: "AppUserToken x" },
    });
    expect(call.status).toBe(503);
    expect(JSON.parse(call.body).message).toBe("The sandbox cannot answer: the sandbox was stopped");
  });
});

describe("a Prism that keeps dying", () => {
  let sandbox: SandboxInternals;
  const gaveUp: string[] = [];
  beforeAll(async () => {
    // No restart allowed, so the first exit is one too many.
    sandbox = await launchSandbox({ onPrismGaveUp: (message) => gaveUp.push(message) }, (api) => api, {
      maxPrismRestarts: 0,
    });
  }, 180_000);
  afterAll(() => sandbox?.stop());

  test("is given up on with one clear message: onPrismGaveUp (the CLI exits with it), health and the API say it", async () => {
    process.kill(sandbox.prism.pid as number, "SIGKILL");
    await vi.waitFor(() => expect(gaveUp).toHaveLength(1), { timeout: 30_000, interval: 50 });
    const message = "Prism was killed (SIGKILL); the sandbox gave up restarting it";
    expect(gaveUp).toEqual([message]);
    const health = await rawRequest(sandbox.url, "GET", "/_sandbox/health");
    expect({ status: health.status, body: JSON.parse(health.body) }).toEqual({
      status: 503,
      body: { status: "unavailable", message },
    });
    const call = await rawRequest(sandbox.url, "GET", "/public/v3/webflow/banks", {
      headers: { authorization: "AppUserToken x" },
    });
    expect({ status: call.status, message: JSON.parse(call.body).message }).toEqual({
      status: 503,
      message: `The sandbox cannot answer: ${message}`,
    });
  });
});
