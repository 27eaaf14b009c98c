/** What a front-end build makes of our source: esbuild, minified ESM for a browser, as the size budgets measure. */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const src = new URL("../../src/", import.meta.url);

/**
 * The bundle of one `src/` file (`entry`) or of a module's text importing from `src/` (`source`). With
 * `ignoreAnnotations`, what each module does when imported is kept, whatever `sideEffects` and `/* @__PURE__ *\/` claim.
 */
export async function browserBundle(
  input: { entry: string } | { source: string },
  { ignoreAnnotations = false } = {},
): Promise<string> {
  const result = await build({
    ...("entry" in input
      ? { entryPoints: [fileURLToPath(new URL(input.entry, src))] }
      : { stdin: { contents: input.source, resolveDir: fileURLToPath(src), loader: "ts" as const } }),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    ignoreAnnotations,
  });
  return result.outputFiles[0]?.text ?? "";
}
