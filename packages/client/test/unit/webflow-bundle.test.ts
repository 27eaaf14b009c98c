/**
 * What a front end ships: `@planky-kit/client/webflow` bundled for a browser, as esbuild or Vite would. It must
 * hold no client-credentials code, so no client secret can ever be wired into it.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";

async function browserBundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../../src/${entry}`, import.meta.url))],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

describe("the webflow entry's browser bundle", () => {
  test("holds no client-credentials code: neither client_secret nor /oauth/v2/token", async () => {
    const code = await browserBundle("webflow.ts");
    expect(code).toContain("AppUserToken"); // it is the webflow client, not an empty bundle
    expect(code).not.toContain("client_secret");
    expect(code).not.toContain("/oauth/v2/token");
  });

  test("the check can fail: the server entry's bundle does contain both", async () => {
    const code = await browserBundle("index.ts");
    expect(code).toContain("client_secret");
    expect(code).toContain("/oauth/v2/token");
  });

  test("never reads PLANKY_LOG or process.env (the server entry does), nor holds OpenTelemetry code", async () => {
    const webflow = await browserBundle("webflow.ts");
    expect(webflow).not.toContain("PLANKY_LOG");
    expect(webflow).not.toContain(".env"); // openapi-fetch itself reads process.versions, never the environment
    expect(webflow).not.toContain("opentelemetry");
    const server = await browserBundle("index.ts");
    expect(server).toContain("PLANKY_LOG");
    expect(server).toContain(".env");
    expect(server).not.toContain("opentelemetry");
  });
});
