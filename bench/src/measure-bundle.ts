/**
 * Browser bundle size of each peer's two calls: the peer module (src/peers/<id>.ts) bundled by esbuild for the
 * browser, minified, then gzipped. Every bundle includes the same fixtures, so raw fetch is the floor.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { type BundlePart, bundleParts } from "./bundle-parts";
import { benchDir, clientPackageJson, clientSizeLimit, peersDir } from "./paths";
import { CLIENTS } from "./peers/index";

export interface BundleRow {
  peer: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** gzip bytes over raw fetch's bundle: what the library (and generated code) adds. */
  gzipOverFetch: number;
  /** Inputs from node_modules or generated code, for the reader who wants to know what got in. */
  inputs: string[];
  /** The biggest contributors to the minified output (bytes before gzip). */
  largestInputs: { path: string; bytes: number }[];
}

export async function measureBundles(): Promise<BundleRow[]> {
  const rows: Omit<BundleRow, "gzipOverFetch">[] = [];
  for (const info of CLIENTS.filter((peer) => !peer.nodeOnly)) {
    const result = await build({
      entryPoints: [`${peersDir}${info.id}.ts`],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]?.contents;
    if (!code) throw new Error(`esbuild produced no output for ${info.id}`);
    rows.push({
      peer: info.id,
      minifiedBytes: code.byteLength,
      gzipBytes: gzipSync(code, { level: 9 }).byteLength,
      inputs: summarizeInputs(Object.keys(result.metafile.inputs)),
      largestInputs: Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {})
        .map(([path, { bytesInOutput }]) => ({ path: path.replace(/^.*node_modules\//, ""), bytes: bytesInOutput }))
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 8),
    });
  }
  const floor = rows.find((row) => row.peer === "fetch")?.gzipBytes ?? 0;
  return rows.map((row) => ({ ...row, gzipOverFetch: row.gzipBytes - floor }));
}

/** `node_modules/.pnpm/axios@1.2.3/node_modules/axios/lib/x.js` → `axios`; local files by their folder. */
function summarizeInputs(paths: string[]): string[] {
  const names = new Set<string>();
  for (const path of paths) {
    const inPackage = path.match(/node_modules\/(?!\.pnpm)((?:@[^/]+\/)?[^/]+)/g)?.pop();
    if (inPackage) names.add(inPackage.replace("node_modules/", ""));
    else if (path.includes("packages/client/"))
      names.add(`@planky-kit/client (${path.includes("/dist/") ? "dist" : "src"})`);
    else if (path.includes("generated/hey-api")) names.add("hey-api generated code");
    else if (path.includes("generated/orval")) names.add("orval generated code");
  }
  return [...names].sort();
}

export interface EntryBundleRow {
  /** The package export measured, e.g. `@planky-kit/client/webflow`. */
  specifier: string;
  /** Gzip budget in bytes (the target). */
  budgetBytes: number;
  /** Absent when the package does not export this entry (yet). */
  minifiedBytes?: number;
  gzipBytes?: number;
  /** What each module contributed (openapi-fetch, each of our source files, the bundler's glue), largest first. */
  parts?: BundlePart[];
}

/**
 * What a whole entry costs a browser app that imports all of it (as size-limit's `import: "*"` does), against the
 * budget in force: the client's own size-limit budget for that file (packages/client/.size-limit.json, which CI
 * checks), so the report never prints a budget nobody enforces.
 */
export const ENTRY_BUDGETS: { subpath: string; budgetBytes: number }[] = [
  { subpath: ".", budgetBytes: sizeLimitBudget("dist/index.js") },
  { subpath: "./webflow", budgetBytes: sizeLimitBudget("dist/webflow.js") },
];

function sizeLimitBudget(path: string): number {
  const budgets = JSON.parse(readFileSync(clientSizeLimit, "utf8")) as {
    path: string;
    import?: string;
    limit: string;
  }[];
  const limit = budgets.find((budget) => budget.path === path && budget.import === "*")?.limit ?? "";
  const kilobytes = /^([\d.]+) kB$/.exec(limit)?.[1];
  if (kilobytes === undefined)
    throw new Error(`packages/client/.size-limit.json: no "N kB" budget for ${path} (import *)`);
  return Math.round(Number(kilobytes) * 1000);
}

/**
 * Every export of each entry, bundled from the package as published (its `exports` map, so dist when built),
 * minified and gzipped. An entry the package.json does not export yet gets a row without numbers.
 */
export async function measureEntryBundles(): Promise<EntryBundleRow[]> {
  const manifest = JSON.parse(readFileSync(clientPackageJson, "utf8")) as { name: string; exports?: object };
  const rows: EntryBundleRow[] = [];
  for (const { subpath, budgetBytes } of ENTRY_BUDGETS) {
    const specifier = subpath === "." ? manifest.name : `${manifest.name}${subpath.slice(1)}`;
    if (!(subpath in (manifest.exports ?? {}))) {
      rows.push({ specifier, budgetBytes });
      continue;
    }
    const options = {
      stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: benchDir, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
    } as const;
    const result = await build(options);
    const code = result.outputFiles[0]?.contents;
    if (!code) throw new Error(`esbuild produced no output for ${specifier}`);
    rows.push({
      specifier,
      budgetBytes,
      minifiedBytes: code.byteLength,
      gzipBytes: gzipSync(code, { level: 9 }).byteLength,
      parts: await partsOf(options, code),
    });
  }
  return rows;
}

/**
 * The same build with a source map (esbuild follows the dist's maps back to packages/client/src), split by module.
 * Fails loudly if the mapped build is not the measured one, so the parts always add up to the row's total.
 */
async function partsOf(options: Parameters<typeof build>[0], measured: Uint8Array): Promise<BundlePart[]> {
  const mapped = await build({ ...options, sourcemap: "external", outfile: "entry.js" });
  const code = mapped.outputFiles?.find((file) => file.path.endsWith(".js"))?.text ?? "";
  const map = mapped.outputFiles?.find((file) => file.path.endsWith(".js.map"))?.text ?? "";
  const withoutComment = code.replace(/\/\/# sourceMappingURL=\S+\n?$/, "");
  if (withoutComment !== Buffer.from(measured).toString()) throw new Error("the source-mapped build differs");
  const parts = bundleParts(withoutComment, JSON.parse(map) as { sources: string[]; mappings: string });
  const total = parts.reduce((sum, part) => sum + part.minifiedBytes, 0);
  if (total !== measured.byteLength) throw new Error(`module parts add up to ${total} B, not ${measured.byteLength} B`);
  return parts;
}
