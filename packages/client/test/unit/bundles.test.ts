/**
 * What a bundler keeps: the webflow entry holds no client-credentials code, `parseWebhook` alone holds no HTTP code,
 * and no entry has module-level side effects.
 */
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { describe, expect, test } from "vitest";
import { browserBundle } from "../support/browser-bundle";

describe("the webflow entry's browser bundle", () => {
  test("holds no client-credentials code: neither client_secret nor /oauth/v2/token", async () => {
    const code = await browserBundle({ entry: "webflow.ts" });
    expect(code).toContain("AppUserToken"); // it is the webflow client, not an empty bundle
    expect(code).not.toContain("client_secret");
    expect(code).not.toContain("/oauth/v2/token");
  });

  test("the check can fail: the server entry's bundle does contain both", async () => {
    const code = await browserBundle({ entry: "index.ts" });
    expect(code).toContain("client_secret");
    expect(code).toContain("/oauth/v2/token");
  });

  test("never reads PLANKY_LOG or process.env (the server entry does), nor holds OpenTelemetry code", async () => {
    const webflow = await browserBundle({ entry: "webflow.ts" });
    expect(webflow).not.toContain("PLANKY_LOG");
    expect(webflow).not.toContain(".env"); // openapi-fetch itself reads process.versions, never the environment
    expect(webflow).not.toContain("opentelemetry");
    const server = await browserBundle({ entry: "index.ts" });
    expect(server).toContain("PLANKY_LOG");
    expect(server).toContain(".env");
    expect(server).not.toContain("opentelemetry");
  });
});

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

async function bundle(source: string) {
  const result = await build({
    stdin: { contents: source, resolveDir: packageDir, loader: "ts" },
    alias: {
      "@planky-kit/client/webflow": `${packageDir}/src/webflow.ts`,
      "@planky-kit/client": `${packageDir}/src/index.ts`,
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    // Keeps what each module does when imported, whatever `sideEffects` and `/* @__PURE__ */` claim.
    ignoreAnnotations: true,
  });
  const metafile = result.metafile as Metafile;
  const output = Object.values(metafile.outputs)[0];
  // The modules that contributed code to the bundle (an input tree-shaken away contributes 0 bytes).
  const modules = Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  return { code: result.outputFiles[0]?.text ?? "", modules };
}

const httpModules = (modules: string[]) =>
  modules.filter((path) => path.includes("openapi-fetch") || /src\/internal\/(request|raw|pagination)\.ts$/.test(path));

describe("a bundle that imports only parseWebhook", () => {
  test("holds no openapi-fetch and no request loop", async () => {
    const { code, modules } = await bundle(
      'import { parseWebhook } from "@planky-kit/client"; console.log(parseWebhook("{}"));',
    );
    expect(modules).toContain("src/webhooks.ts"); // the bundle is not empty: parseWebhook is there
    expect(httpModules(modules)).toEqual([]);
    expect(code).not.toContain("querySerializer");
  });

  test("the check can fail: importing createPlankyClient brings openapi-fetch and the request loop", async () => {
    const { modules } = await bundle(
      'import { createPlankyClient } from "@planky-kit/client"; console.log(createPlankyClient);',
    );
    expect(httpModules(modules).some((path) => path.includes("openapi-fetch"))).toBe(true);
    expect(httpModules(modules)).toContain("src/internal/request.ts");
  });
});

describe("the webflow entry's bundle", () => {
  test("holds no openapi-fetch: a typed call's URL is built by the client itself (internal/url.ts)", async () => {
    const { modules } = await bundle('export * from "@planky-kit/client/webflow";');
    expect(modules).toContain("src/internal/request.ts"); // the bundle is not empty: the request loop is there
    expect(modules.filter((path) => path.includes("openapi-fetch"))).toEqual([]);
  });
});

describe("no module-level side effects in any entry", () => {
  // With annotations ignored, this checks that the package's `sideEffects: false` is true rather than trusting it.
  test.each(["@planky-kit/client", "@planky-kit/client/webflow"])(
    "import %j alone bundles to nothing",
    async (entry) => {
      const { code } = await bundle(`import ${JSON.stringify(entry)};`);
      expect(code.trim()).toBe("");
    },
  );

  test("the check can fail: a module-level call is kept", async () => {
    const { code } = await bundle('import "@planky-kit/client"; export const keys = Object.keys({ a: 1 });');
    expect(code).toContain("Object.keys");
  });
});
