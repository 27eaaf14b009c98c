// The shape of the house in numbers, for issue 31's before/after table: lines per sandbox room, import cycles,
// hand-written operation matchers, casts in the mock, the longest functions and the files over 450 lines.
//
//   node scripts/house-numbers.mjs [--root <checkout>] [--json]
//
// `--root` measures another checkout (e.g. `git archive <commit> | tar -x -C /tmp/before`) with this script's
// rules, so a before and an after are counted the same way. Scanned as scripts/check-import-cycles.mjs scans:
// packages/*/src, bench/src, scripts, spec, without node_modules, dist and generated code.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { findCycles, importGraph, SOURCE_ROOTS, sourceFiles } from "./check-import-cycles.mjs";

const FILE_LIMIT = 450;
const SANDBOX = "packages/mock/src/sandbox/";
const MOCK = "packages/mock/src/";

const lineCount = (text) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

function parse(file, text) {
  const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

function walk(node, visit) {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/** `x as T` and `<T>x`, not `as const` (a literal's narrowing, not a claim about a type). */
function casts(source) {
  let count = 0;
  walk(source, (node) => {
    if (ts.isTypeAssertionExpression(node)) count += 1;
    if (ts.isAsExpression(node) && node.type.getText(source) !== "const") count += 1;
  });
  return count;
}

/** The name a reader would search for: the declaration's, the variable's or the property's it is assigned to. */
function functionName(node, source) {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  if (ts.isConstructorDeclaration(node)) return "constructor";
  return "(anonymous)";
}

/** Every function with its span in lines (first line to last, inclusive). */
function functions(file, source) {
  const found = [];
  walk(source, (node) => {
    if (!ts.isFunctionLike(node) || !("body" in node) || !node.body) return;
    const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
    const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
    found.push({ file, name: functionName(node, source), line: start + 1, lines: end - start + 1 });
  });
  return found;
}

/**
 * Hand-written answers to "which operation is this request?": functions of the mock that test a request's path
 * against a compiled path pattern (`pattern.exec(pathname)` / `.test(pathname)`), outside generated code.
 * A heuristic that recognises the matchers this repository has had; read its list, not only its count.
 */
function operationMatchers(file, source) {
  if (!file.startsWith(MOCK)) return [];
  return functions(file, source)
    .filter(({ line, lines }) => {
      const body = source.text
        .split("\n")
        .slice(line - 1, line - 1 + lines)
        .join("\n");
      return /\.(?:exec|test)\(\s*pathname\s*\)/.test(body) && /\bmethod\b/.test(body);
    })
    .filter((fn, index, all) => !all.some((other, j) => j !== index && contains(other, fn)));
}

const contains = (outer, inner) =>
  outer.file === inner.file &&
  outer.line <= inner.line &&
  outer.line + outer.lines >= inner.line + inner.lines &&
  (outer.line !== inner.line || outer.lines !== inner.lines);

export function measure(root) {
  const files = sourceFiles(root);
  const texts = new Map(files.map((file) => [file, readFileSync(join(root, file), "utf8")]));
  const sources = new Map(files.map((file) => [file, parse(file, texts.get(file))]));
  const lines = new Map(files.map((file) => [file, lineCount(texts.get(file))]));

  const rooms = {};
  for (const file of files.filter((f) => f.startsWith(SANDBOX))) {
    const rest = file.slice(SANDBOX.length);
    const room = rest.includes("/") ? rest.slice(0, rest.indexOf("/")) : "(top level)";
    rooms[room] ??= { files: 0, lines: 0 };
    rooms[room].files += 1;
    rooms[room].lines += lines.get(file);
  }
  const mockFiles = files.filter((f) => f.startsWith(MOCK));
  const allFunctions = files.flatMap((file) => functions(file, sources.get(file)));
  allFunctions.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
  return {
    scanned: { roots: SOURCE_ROOTS, files: files.length },
    sandbox: {
      files: files.filter((f) => f.startsWith(SANDBOX)).length,
      lines: files.filter((f) => f.startsWith(SANDBOX)).reduce((sum, f) => sum + lines.get(f), 0),
      rooms,
      perFile: Object.fromEntries(
        files.filter((f) => f.startsWith(SANDBOX)).map((f) => [f.slice(SANDBOX.length), lines.get(f)]),
      ),
    },
    mock: {
      lines: mockFiles.reduce((sum, f) => sum + lines.get(f), 0),
      casts: mockFiles.reduce((sum, f) => sum + casts(sources.get(f)), 0),
      castsPerFile: Object.fromEntries(
        mockFiles.map((f) => [f.slice(MOCK.length), casts(sources.get(f))]).filter(([, n]) => n > 0),
      ),
    },
    cycles: findCycles(importGraph(files, root)).map((cycle) => cycle.files),
    operationMatchers: files
      .flatMap((file) => operationMatchers(file, sources.get(file)))
      .map((fn) => `${fn.file}:${fn.line} ${fn.name}`),
    longestFunctions: allFunctions.slice(0, 5).map((fn) => ({ ...fn })),
    filesOver450: files
      .filter((file) => lines.get(file) > FILE_LIMIT)
      .map((file) => ({ file, lines: lines.get(file) }))
      .sort((a, b) => b.lines - a.lines),
  };
}

function print(numbers) {
  const out = [];
  out.push(`scanned: ${numbers.scanned.files} files in ${numbers.scanned.roots.join(", ")}`);
  out.push(`sandbox: ${numbers.sandbox.files} files, ${numbers.sandbox.lines} lines`);
  for (const [room, { files, lines }] of Object.entries(numbers.sandbox.rooms)) {
    out.push(`  room ${room}: ${files} files, ${lines} lines`);
  }
  for (const [file, lines] of Object.entries(numbers.sandbox.perFile)) out.push(`    ${file} ${lines}`);
  out.push(
    `mock (hand-written src): ${numbers.mock.lines} lines, ${numbers.mock.casts} casts (\`as\`, not \`as const\`)`,
  );
  for (const [file, count] of Object.entries(numbers.mock.castsPerFile)) out.push(`    ${file} ${count}`);
  out.push(`import cycles: ${numbers.cycles.length}`);
  for (const cycle of numbers.cycles) out.push(`  ${cycle.join(" ↔ ")}`);
  out.push(`hand-written operation matchers: ${numbers.operationMatchers.length}`);
  for (const matcher of numbers.operationMatchers) out.push(`  ${matcher}`);
  out.push("longest functions:");
  for (const fn of numbers.longestFunctions) out.push(`  ${fn.lines} lines: ${fn.name} (${fn.file}:${fn.line})`);
  out.push(`files over ${FILE_LIMIT} lines: ${numbers.filesOver450.length}`);
  for (const { file, lines } of numbers.filesOver450) out.push(`  ${lines} ${file}`);
  console.log(out.join("\n"));
}

const args = process.argv.slice(2);
const rootFlag = args.indexOf("--root");
const root = resolve(rootFlag >= 0 ? (args[rootFlag + 1] ?? ".") : join(import.meta.dirname, ".."));
const numbers = measure(root);
if (args.includes("--json")) console.log(JSON.stringify(numbers, null, 2));
else print(numbers);
