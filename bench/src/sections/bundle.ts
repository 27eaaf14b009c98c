/** Bundle size: each client's two calls and each entry of the package, esbuild, minified + gzip (measure-bundle.ts). */
import { int, kb, kb2, label } from "../format";
import { measureBundles, measureEntryBundles } from "../measure-bundle";
import type { Results } from "../results";
import type { BenchSection } from "../section";

export const bundleSection: BenchSection = {
  id: "bundle",
  title: "bundle: esbuild, browser, minified + gzip",
  measure: async (_context, results) => {
    results.bundle = await measureBundles();
    results.entryBundles = await measureEntryBundles();
  },
  render: renderBundle,
};

function renderBundle(results: Results): string[] {
  if (!results.bundle) return [...entryBundles(results)];
  return [
    "## Bundle size",
    "",
    "Each client's two calls (the module in bench/src/peers/) bundled by esbuild for the browser, ESM, minified,",
    "then gzipped (level 9). Every bundle includes the same request fixture, so raw fetch is the floor and",
    "**+ over fetch** is what the library or generated code adds. undici is Node-only and has no browser bundle.",
    "",
    "| Client | minified | gzip | + over fetch (gzip) | contents |",
    "| --- | ---: | ---: | ---: | --- |",
    ...results.bundle.map(
      (row) =>
        `| ${row.peer === "planky" ? `**${label(row.peer)}**` : label(row.peer)} | ${kb(row.minifiedBytes)} | ${kb(row.gzipBytes)} | ${kb(row.gzipOverFetch)} | ${row.inputs.join(", ") || "fixtures only"} |`,
    ),
    "",
    ...entryBundles(results),
  ];
}

function entryBundles(results: Results): string[] {
  if (!results.entryBundles) return [];
  return [
    "### Whole entries",
    "",
    "Every export of each entry of the package (`export * from …`, resolved through its `exports` map, so the",
    "built dist), bundled by esbuild for the browser, minified, gzipped (level 9): what an app that uses all of it",
    "ships. packages/client's size-limit check (`pnpm test`) is the budget that gates releases; this row should",
    "agree with it to within a few bytes.",
    "",
    "| Entry | minified | gzip | budget (gzip) | within budget |",
    "| --- | ---: | ---: | ---: | --- |",
    ...results.entryBundles.map((row) =>
      row.gzipBytes === undefined || row.minifiedBytes === undefined
        ? `| \`${row.specifier}\` | | | ${kb(row.budgetBytes)} | not built yet: packages/client/package.json does not export it |`
        : `| \`${row.specifier}\` | ${kb(row.minifiedBytes)} | ${(row.gzipBytes / 1000).toFixed(2)} kB | ${kb(row.budgetBytes)} | ${row.gzipBytes <= row.budgetBytes ? "yes" : "**no**"} |`,
    ),
    "",
    ...entryParts(results),
  ];
}

/** Each entry's bundle split by module, from esbuild's source map. */
function entryParts(results: Results): string[] {
  const rows = (results.entryBundles ?? []).filter((row) => row.parts);
  if (rows.length === 0) return [];
  const out = [
    "### What each entry is made of",
    "",
    "The same bundles, split by the module each byte of minified code came from (esbuild's source map, which",
    "follows the dist's own source maps back to packages/client/src). **gzip alone** is the module's code",
    "gzipped on its own; **gzip in bundle** is how much smaller the entry's gzip gets with that module's code cut",
    "out (gzip shares repeated strings across modules, so this is less than gzip alone, and the column does not",
    "add up exactly to the entry's total). Estimates of what removing a module would save, not of a build that runs.",
    "",
  ];
  for (const row of rows) {
    out.push(
      `**\`${row.specifier}\`** (${kb2(row.gzipBytes ?? 0)} gzip, ${kb(row.minifiedBytes ?? 0)} minified)`,
      "",
      "| Module | minified | gzip alone | gzip in bundle |",
      "| --- | ---: | ---: | ---: |",
      ...(row.parts ?? []).map(
        (part) =>
          `| ${part.name} | ${int(part.minifiedBytes)} B | ${int(part.gzipAloneBytes)} B | ${int(part.gzipInBundleBytes)} B |`,
      ),
      "",
    );
  }
  return out;
}
