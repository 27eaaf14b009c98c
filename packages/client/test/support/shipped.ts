/**
 * The client as it ships (`dist/index.js`, what users import) next to its source, so behaviour tests run on both:
 * a bundler can change behaviour (one dropped a guard it thought pure). `dist/` comes from `pnpm build` (turbo runs
 * it before this package's tests).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as source from "../../src/index";

export type Kit = typeof source;

const built = new URL("../../dist/index.js", import.meta.url);

/**
 * `[["src", …], ["dist", …]]` for `describe.each`; fails (never skips) when dist/ is missing. Under mutation testing
 * (`PLANKY_SOURCE_ONLY`, set by vitest.mutation.config.ts) only `src`: Stryker mutates the source, not the build.
 */
export async function srcAndDist(): Promise<[string, Kit][]> {
  if (process.env.PLANKY_SOURCE_ONLY === "1") return [["src", source]];
  if (!existsSync(fileURLToPath(built))) {
    throw new Error("dist/index.js is missing: run `pnpm --filter @planky-kit/client build` first");
  }
  const dist = (await import(/* @vite-ignore */ built.href)) as Kit;
  return [
    ["src", source],
    ["dist", dist],
  ];
}
