// Fails when the repository's own source imports in a circle: a file that, through its imports, imports itself.
// A cycle means no file of it can be read (or tested, or moved) without the others, and module evaluation order
// decides which of them sees the others' exports undefined. Scanned: packages/*/src, bench/src, scripts, spec
// (not node_modules, dist or generated code). Every import counts, `import type` included: a type-only import still
// ties the two files' shapes together, and the graph a reader walks has no such distinction.
//
// Each cycle is reported as its strongly connected component (every file that can reach every other) and one
// concrete loop through it, so the message names the files to untangle.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where the repository's hand-written source lives (relative to the root; `packages/*` expanded). */
export const SOURCE_ROOTS = ["packages/*/src", "bench/src", "scripts", "spec"];
/** Directory names never scanned: installed, built or generated files. */
const SKIPPED_DIRS = new Set(["node_modules", "dist", "generated", "site", ".turbo", "coverage", "test-artifacts"]);
const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** Every scanned source file under `root`, relative to it with `/` separators, sorted. */
export function sourceFiles(root = ROOT) {
  const dirs = SOURCE_ROOTS.flatMap((pattern) => {
    const [first, star, ...rest] = pattern.split("/");
    if (star !== "*") return [pattern];
    return readdirSync(join(root, first))
      .filter((name) => statSync(join(root, first, name)).isDirectory())
      .map((name) => [first, name, ...rest].join("/"));
  });
  const files = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return; // a package without src/
    }
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (SOURCE_FILE.test(entry.name) && !DECLARATION.test(entry.name)) {
        files.push(path);
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return [...new Set(files)].sort();
}

/** The relative specifiers a file imports or re-exports, static or dynamic (`import type` included). */
export function importsOf(text) {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((file) => file.fileName).filter((name) => name.startsWith("."));
}

/**
 * The scanned file a relative specifier names, as TypeScript and Node resolve it: exact, with a source extension
 * added, `.js`/`.mjs` written for a `.ts`/`.mts` source, or a folder's index.
 */
export function resolveImport(from, specifier, known) {
  const base = join(dirname(from), specifier).split(sep).join("/");
  const stem = base.replace(/\.(?:[cm]?js)$/, "");
  const candidates = [
    base,
    ...["ts", "tsx", "mts", "cts", "js", "mjs"].map((ext) => `${base}.${ext}`),
    ...["ts", "tsx", "mts", "cts"].map((ext) => `${stem}.${ext}`),
    ...["ts", "tsx", "mts", "js", "mjs"].map((ext) => `${base}/index.${ext}`),
  ];
  return candidates.find((candidate) => known.has(candidate));
}

/** The import graph of the given files: file → the scanned files it imports. */
export function importGraph(files, root = ROOT, read = (file) => readFileSync(join(root, file), "utf8")) {
  const known = new Set(files);
  return new Map(
    files.map((file) => [
      file,
      [...new Set(importsOf(read(file)).flatMap((spec) => resolveImport(file, spec, known) ?? []))].sort(),
    ]),
  );
}

/**
 * The graph's cycles: each strongly connected component of more than one file (or a file importing itself), with
 * one loop through it. Tarjan's algorithm; components and their files sorted, so the output is stable.
 * @returns {{ files: string[], loop: string[] }[]}
 */
export function findCycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map((files) => ({ files, loop: loopThrough(graph, new Set(files), files[0]) }));
}

/** The shortest import path from `start` back to itself, within one component (breadth first). */
function loopThrough(graph, members, start) {
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]));
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

export function formatCycle(cycle) {
  return [`  ${cycle.files.length} files: ${cycle.files.join(", ")}`, `    e.g. ${cycle.loop.join(" → ")}`].join("\n");
}

function main() {
  const files = sourceFiles();
  const cycles = findCycles(importGraph(files));
  if (cycles.length > 0) {
    console.error(`${cycles.length} import cycle(s) in ${SOURCE_ROOTS.join(", ")}:`);
    for (const cycle of cycles) console.error(formatCycle(cycle));
    console.error("Untangle each: move what the files share into a file they all import, or pass it in.");
    process.exit(1);
  }
  console.log(`No import cycle in ${files.length} files (${SOURCE_ROOTS.join(", ")}).`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
