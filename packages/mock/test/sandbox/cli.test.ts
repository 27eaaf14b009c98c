/** The `planky-mock` command's arguments, and `serve --static` (Prism's stateless mock of the bundled spec). */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { CliUsageError, parseServeArgs, runCli } from "../../src/sandbox/cli-run";
import { freePort } from "../../src/sandbox/prism/prism";

const spec = parse(readFileSync(new URL("../../../../spec/openapi.yaml", import.meta.url), "utf8"));

describe("parseServeArgs", () => {
  test("defaults: the sandbox on 127.0.0.1:4010, in memory, any credentials", () => {
    expect(parseServeArgs(["serve"])).toEqual({ port: 4010, host: "127.0.0.1", static: false, verbose: false });
  });

  test("reads every option", () => {
    expect(
      parseServeArgs(["serve", "--port", "4020", "--state", "s.json", "--client-id", "id", "--client-secret", "sec"]),
    ).toEqual({
      port: 4020,
      host: "127.0.0.1",
      static: false,
      verbose: false,
      stateFile: "s.json",
      clientId: "id",
      clientSecret: "sec",
    });
    expect(parseServeArgs(["--help"])).toBeUndefined();
  });

  test.each([
    [[], /expected the command "serve"/],
    [["start"], /expected the command "serve", got "start"/],
    [["serve", "--port", "http"], /--port must be a port number/],
    [["serve", "--prot", "1"], /--prot/],
    [["serve", "--static", "--state", "s.json"], /apply to the sandbox, not to --static/],
  ])("refuses %j with a CliUsageError naming the problem", (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(CliUsageError);
    expect(() => parseServeArgs(argv)).toThrow(message);
  });

  test("a refused secret is not echoed back", () => {
    expect(() => parseServeArgs(["serve", "--client-secret", "s3cret", "--static"])).toThrow(/not to --static/);
    expect(() => parseServeArgs(["serve", "--client-secret", "s3cret", "--static"])).not.toThrow(/s3cret/);
  });
});

describe("serve on a busy port", () => {
  test.each([[[]], [["--static"]]])(
    "%j: says the port is in use and how to choose another",
    async (extra) => {
      const busy = createServer();
      await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
      const { port } = busy.address() as AddressInfo;
      try {
        const failure = await runCli(["serve", "--port", String(port), ...extra], { handleSignals: false }).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(failure).toBeInstanceOf(CliUsageError);
        expect((failure as Error).message).toBe(
          `port ${port} on 127.0.0.1 is in use (another planky-mock or pnpm start?). Stop that, or choose another ` +
            `port: planky-mock serve --port ${port + 1} (--port 0 picks a free one)`,
        );
      } finally {
        busy.close();
      }
    },
    180_000,
  );
});

describe("serve --static", () => {
  let stop: (() => Promise<void>) | undefined;
  afterAll(() => stop?.());

  test("serves the spec's examples on the given port, with no state", async () => {
    const port = await freePort();
    const running = await runCli(["serve", "--static", "--port", String(port)], { handleSignals: false });
    stop = running?.stop;
    expect(running?.url).toBe(`http://127.0.0.1:${port}`);
    const answer = await fetch(`${running?.url}/public/v3/webflow/banks/barclays/consent/status`, {
      headers: { authorization: "AppUserToken anything" },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(spec.components.examples.AwaitingAuthorisationFromDocs.value);
  }, 180_000);
});

describe("serve --state file.json --client-id … --client-secret …", () => {
  test("refuses other credentials, and keeps customers across a restart on the same file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "planky-cli-state-"));
    const args = [
      "serve",
      "--port",
      "0",
      "--state",
      join(dir, "state.json"),
      "--client-id",
      "ci",
      "--client-secret",
      "cs",
    ];
    const token = (url: string, secret: string) =>
      fetch(`${url}/oauth/v2/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: "ci", client_secret: secret, grant_type: "client_credentials" }),
      });
    try {
      const first = await runCli(args, { handleSignals: false });
      if (!first) throw new Error("no sandbox");
      expect(await (await token(first.url, "wrong")).json()).toMatchObject({ error: "invalid_client" });
      const { access_token } = await (await token(first.url, "cs")).json();
      const created = await fetch(`${first.url}/public/v3/customers`, {
        method: "POST",
        headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
        body: JSON.stringify({ user_reference: "kept" }),
      });
      expect(created.status).toBe(200);
      await first.stop();

      const second = await runCli(args, { handleSignals: false });
      if (!second) throw new Error("no sandbox");
      try {
        // The access token survived too: it is part of the state.
        const found = await fetch(`${second.url}/public/v3/customers?by-user-reference=kept`, {
          headers: { authorization: `Bearer ${access_token}` },
        });
        expect(await found.json()).toEqual({ data: [await created.json()] });
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
