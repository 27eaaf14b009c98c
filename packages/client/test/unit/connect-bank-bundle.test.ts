/** The connect-bank flow is a sub-entry: a front end that imports only the webflow client does not bundle it. */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { expect, test } from "vitest";

async function browserBundle(source: string, ignoreAnnotations = false): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL("../../src/", import.meta.url)), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    // Keeps what each module does when imported, whatever `sideEffects` and `/* @__PURE__ */` claim.
    ignoreAnnotations,
  });
  return result.outputFiles[0]?.text ?? "";
}

test("the webflow entry alone holds none of the flow; importing the flow adds it", async () => {
  const webflow = await browserBundle('export * from "./webflow";');
  const both = await browserBundle('export * from "./webflow"; export * from "./connect-bank";');
  expect(webflow).toContain("AppUserToken");
  expect(webflow).not.toContain("planky-kit:connect-bank");
  expect(both).toContain("planky-kit:connect-bank");
});

test("importing the flow alone runs nothing (no module-level side effects, so `sideEffects: false` is true)", async () => {
  expect((await browserBundle('import "./connect-bank";', true)).trim()).toBe("");
  // The check can fail: a module-level call is kept.
  expect(await browserBundle('import "./connect-bank"; export const k = Object.keys({ a: 1 });', true)).toContain(
    "Object.keys",
  );
});
