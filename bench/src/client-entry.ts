/** Which build of @planky-kit/client the bench measures: the built dist (what users get) or, failing that, src. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { clientPackageJson, repoRoot } from "./paths";

export interface ClientEntry {
  /** Path of the entry file, relative to the repo root. */
  path: string;
  isTypeScript: boolean;
}

export function resolveClientEntry(): ClientEntry {
  const manifest = JSON.parse(readFileSync(clientPackageJson, "utf8")) as { exports?: unknown };
  const target = pickImport((manifest.exports as Record<string, unknown> | undefined)?.["."]);
  if (!target) throw new Error('packages/client/package.json has no usable `exports["."]`');
  const file = join(dirname(clientPackageJson), target);
  if (!existsSync(file)) {
    throw new Error(
      `@planky-kit/client points at ${relative(repoRoot, file)}, which does not exist. Build it first: ` +
        "`pnpm turbo run build --filter=@planky-kit/client` (the root `pnpm bench` script does this for you).",
    );
  }
  return { path: relative(repoRoot, file), isTypeScript: /\.[cm]?tsx?$/.test(file) };
}

/** `"./x.js"`, or the `import`/`default` branch of a conditional export (types skipped). */
function pickImport(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null) return undefined;
  const conditions = value as Record<string, unknown>;
  return pickImport(conditions.import) ?? pickImport(conditions.node) ?? pickImport(conditions.default);
}
