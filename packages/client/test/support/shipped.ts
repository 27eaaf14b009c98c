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

/** `[["src", …], ["dist", …]]` for `describe.each`; fails (never skips) when dist/ is missing. */
export async function srcAndDist(): Promise<[string, Kit][]> {
  if (!existsSync(fileURLToPath(built))) {
    throw new Error("dist/index.js is missing: run `pnpm --filter @planky-kit/client build` first");
  }
  const dist = (await import(/* @vite-ignore */ built.href)) as Kit;
  return [
    ["src", source],
    ["dist", dist],
  ];
}
