/**
 * Splits a minified bundle into the code each source module contributed, using esbuild's source map (which
 * follows the dist's own source maps back to packages/client/src), and sizes each part: minified bytes, gzip of
 * the part alone, and the gzip bytes the whole bundle would lose without it.
 */
import { gzipSync } from "node:zlib";

export interface BundlePart {
  /** `openapi-fetch`, a path under packages/client/src (e.g. `internal/request.ts`), or the bundler's glue. */
  name: string;
  minifiedBytes: number;
  /** The part's code gzipped on its own (no help from the rest of the bundle). */
  gzipAloneBytes: number;
  /** gzip(whole bundle) − gzip(bundle with this part's code cut out): what the part costs in the bundle. */
  gzipInBundleBytes: number;
}

export const GLUE = "bundler glue (imports, exports, helpers)";

/** `…/node_modules/openapi-fetch/…` → `openapi-fetch`; `…/packages/client/src/x/y.ts` → `x/y.ts`. */
export function partName(source: string): string {
  const inPackage = source.match(/node_modules\/(?!\.pnpm)((?:@[^/]+\/)?[^/]+)/g)?.pop();
  if (inPackage) return inPackage.replace("node_modules/", "");
  const ours = source.match(/packages\/client\/src\/(.*)$/);
  return ours?.[1] ?? source;
}

/** Sizes of each part of `code` (minified JS, no source map comment) according to `map` (its v3 source map). */
export function bundleParts(code: string, map: { sources: string[]; mappings: string }): BundlePart[] {
  const owner = ownerOfEachColumn(code, map);
  const lines = code.split("\n");
  const pieces = new Map<string, string[]>();
  lines.forEach((line, index) => {
    const owners = owner[index] ?? [];
    let start = 0;
    for (let column = 1; column <= line.length; column++) {
      if (column < line.length && owners[column] === owners[start]) continue;
      const name = owners[start] === undefined ? GLUE : partName(map.sources[owners[start] as number] ?? "");
      const list = pieces.get(name) ?? [];
      list.push(line.slice(start, column));
      pieces.set(name, list);
      start = column;
    }
    if (index < lines.length - 1) pieces.set(GLUE, [...(pieces.get(GLUE) ?? []), "\n"]);
  });
  const total = gzipSync(code, { level: 9 }).byteLength;
  return [...pieces]
    .map(([name, parts]) => {
      const text = parts.join("");
      const without = [...pieces]
        .filter(([other]) => other !== name)
        .map(([, other]) => other.join(""))
        .join("");
      return {
        name,
        minifiedBytes: Buffer.byteLength(text),
        gzipAloneBytes: gzipSync(text, { level: 9 }).byteLength,
        gzipInBundleBytes: total - gzipSync(without, { level: 9 }).byteLength,
      };
    })
    .sort((a, b) => b.minifiedBytes - a.minifiedBytes);
}

/** For each line and column (UTF-16 units, as source maps count), the index of the source it came from. */
function ownerOfEachColumn(code: string, map: { mappings: string }): (number | undefined)[][] {
  const lines = code.split("\n");
  const owners: (number | undefined)[][] = [];
  let source = 0;
  map.mappings.split(";").forEach((segments, lineIndex) => {
    const line = lines[lineIndex] ?? "";
    const row: (number | undefined)[] = new Array(line.length).fill(undefined);
    let column = 0;
    let current: number | undefined;
    let from = 0;
    for (const segment of segments === "" ? [] : segments.split(",")) {
      const fields = decodeVlq(segment);
      column += fields[0] ?? 0;
      row.fill(current, from, column);
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        current = source;
      } else {
        current = undefined;
      }
      from = column;
    }
    row.fill(current, from, line.length);
    owners.push(row);
  });
  return owners;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** One source map segment: base64 VLQ, each value sign in the lowest bit. */
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
