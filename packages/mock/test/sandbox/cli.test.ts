/** The `planky-mock` command's arguments, and `serve --static` (Prism's stateless mock of the bundled spec). */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { CliUsageError, parseServeArgs, runCli } from "../../src/sandbox/cli-run";
import { freePort } from "../../src/sandbox/prism";

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
