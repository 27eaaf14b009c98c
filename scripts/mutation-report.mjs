// Turns Stryker's JSON reports (one per package) into MUTATION.md: score per file, and every surviving mutant by
// file:line and mutator, sorted into "to look at", "message wording" and "judged equivalent" (with the why from
// mutation-notes.mjs).
import { execSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { notes } from "./mutation-notes.mjs";

const UNDETECTED = new Set(["Survived", "NoCoverage"]);
// Mutants that do not compile (TypeScript checker) or crash the runner do not count, as in Stryker's own score.
const TARGETS = { client: 90, clientFile: 80, security: 90, mock: 85 };
/** The client's security code (secrets, the return from the bank, the tokens): each file ≥ `TARGETS.security`. */
const SECURITY_FILES = [
  "packages/client/src/internal/redact.ts",
  "packages/client/src/bank-redirect.ts",
  "packages/client/src/internal/tokens.ts",
  "packages/client/src/internal/shared-token.ts",
  "packages/client/src/internal/client-credentials.ts",
  "packages/client/src/token-store.ts",
];

export function writeMutationReport(packages, outFile) {
  const sections = [];
  const rows = [];
  const survivors = { look: [], wording: [], equivalent: [] };
  const unusedNotes = new Set(notes);
  const runs = [];

  for (const [name, dir] of Object.entries(packages)) {
    const jsonPath = `${dir}/test-artifacts/mutation/mutation.json`;
    if (!existsSync(jsonPath)) {
      sections.push(`- ${name}: no report yet (run \`pnpm mutation ${name}\`)`);
      continue;
    }
    const report = JSON.parse(readFileSync(jsonPath, "utf8"));
    const overridden = applyTargetedRun(report, `${dir}/test-artifacts/mutation/targeted.json`);
    if (overridden > 0) {
      sections.push(
        `- ${name}: ${overridden} result(s) taken from a targeted re-run (\`stryker run --mutate <file>\` or \`<file>:<line>\`), newer than the main run`,
      );
    }
    const runPath = `${dir}/test-artifacts/mutation/run.json`;
    if (existsSync(runPath)) runs.push({ name, ...JSON.parse(readFileSync(runPath, "utf8")) });
    const totals = emptyCounts();
    for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
      const path = `${dir}/${file}`;
      const lines = source.split("\n");
      const counts = emptyCounts();
      for (const mutant of mutants) {
        count(counts, mutant.status);
        count(totals, mutant.status);
        if (!UNDETECTED.has(mutant.status)) continue;
        const entry = describeMutant(path, lines, mutant);
        // A note naming the mutated code itself wins over one that only names its line.
        const candidates = notes.filter((n) => n.file === path && n.mutator === mutant.mutatorName);
        const note =
          candidates.find((n) => entry.fullOriginal.includes(n.code)) ??
          candidates.find((n) => entry.line.includes(n.code));
        if (note) {
          unusedNotes.delete(note);
          if (note.kind === "wording") survivors.wording.push({ ...entry, why: note.why });
          else {
            counts.equivalent++;
            totals.equivalent++;
            survivors.equivalent.push({ ...entry, why: note.why });
          }
        } else if (isErrorWording(lines, mutant)) survivors.wording.push(entry);
        else survivors.look.push(entry);
      }
      rows.push({ name, path, counts });
    }
    rows.push({ name, path: `**${name}: all files**`, counts: totals });
  }

  const commit = execSync("git rev-parse --short HEAD").toString().trim();
  const total = (name) => rows.find((r) => r.name === name && r.path.startsWith("**"));
  const clientRows = rows.filter((r) => r.name === "client" && !r.path.startsWith("**"));
  const lowest = clientRows.reduce((low, r) => (score(r.counts) < score(low.counts) ? r : low), clientRows[0]);
  const measuredAt = (name) => {
    const run = runs.find((r) => r.name === name);
    if (!run?.commit) return "commit not recorded";
    const split = run.split ? `; split by file: ${run.runs} Stryker runs, one per file` : "";
    const missing = run.missing?.length ? `; **not measured**: ${run.missing.map((f) => `\`${f}\``).join(", ")}` : "";
    return `measured at \`${run.commit}\`${run.dirty ? " (with uncommitted edits)" : ""}${split}${missing}`;
  };
  /** "(met)" only when every file the package mutates was measured: a partial split run shows no verdict. */
  const verdict = (name, ok) => {
    const missing = runs.find((r) => r.name === name)?.missing?.length ?? 0;
    return missing > 0 ? `(not shown: ${missing} file(s) not measured)` : met(ok);
  };
  const targets = [
    total("client")
      ? [
          `- Client, hand-written code ≥ ${TARGETS.client} %: **${pct(score(total("client").counts))}** ${verdict("client", score(total("client").counts) >= TARGETS.client)} (${measuredAt("client")})`,
          `- Client, every file ≥ ${TARGETS.clientFile} %: lowest is ${lowest ? `\`${short(lowest.path)}\` **${pct(score(lowest.counts))}**` : "n/a"} ${verdict("client", !lowest || score(lowest.counts) >= TARGETS.clientFile)}`,
          `- Client, security files ≥ ${TARGETS.security} % each: ${SECURITY_FILES.map((file) => {
            const row = clientRows.find((r) => r.path === file);
            return row
              ? `\`${short(file)}\` **${pct(score(row.counts))}**${score(row.counts) >= TARGETS.security ? "" : " (**not met**)"}`
              : `\`${short(file)}\` (**not measured**)`;
          }).join(
            ", ",
          )} ${met(SECURITY_FILES.every((file) => clientRows.some((r) => r.path === file && score(r.counts) >= TARGETS.security)))}`,
        ].join("\n")
      : "- Client: **not measured** (no report yet)",
    total("mock")
      ? `- Mock, hand-written code with the sandbox ≥ ${TARGETS.mock} %: **${pct(score(total("mock").counts))}** ${verdict("mock", score(total("mock").counts) >= TARGETS.mock)} (${measuredAt("mock")})`
      : "- Mock: **not measured** (no report yet)",
  ];

  const md = [
    "# Mutation testing",
    "",
    "## Targets",
    "",
    ...targets,
    "",
    "How many real bugs would the tests catch? [StrykerJS](https://stryker-mutator.io) changes the hand-written",
    "source one small edit (a *mutant*) at a time and runs the unit and fault-injection tests against each; a mutant",
    "no test notices *survived*. Mutants that do not type-check are set aside by the TypeScript checker and do not",
    "count. Score = detected ÷ (detected + survived + no coverage); detected = killed or timed out. Left out:",
    "generated code (`src/generated`), export-only `index.ts` files, and `src/cli.ts`.",
    "",
    "The mock's sandbox (`src/sandbox`) is in the mock's run (`packages/mock/stryker.config.mjs`), tested by the",
    "sandbox tests that call its API and control API as plain functions (`sandboxCore()` in",
    "`test/sandbox/support.ts`, and the `*.unit.test.ts` files; list in `packages/mock/vitest.mutation.config.ts`).",
    "Left out of the sandbox, because that code only runs with Prism, a child process or a listening server, whose",
    "tests are too slow per mutant and read files Stryker's copy does not have:",
    "`prism.ts` and `prism-supervisor.ts` (start and watch Prism), `health.ts` (asks Prism for its health),",
    "`cli-run.ts` and `start.ts` (parse the command line, launch Prism and the front server, stop on signals),",
    "`front-server.ts` and `node-http.ts` (the listening server between the network and Prism/the API), and",
    "`index.ts` (exports only). Their behaviour is covered by the Prism-backed tests in `pnpm test`, not measured here.",
    "",
    "Run it with `pnpm mutation` (not part of `pnpm test`; at concurrency 1 on a loaded 2-core machine a full run",
    "took 41 min for the client and 24 min for the mock); `pnpm mutation client` for one package;",
    "`pnpm mutation -- --incremental` to re-test only mutants whose code or covering tests changed since the last",
    "run; `pnpm mutation client --split` for one Stryker run per file, merged into one report (the runs may span",
    "commits: the top says which), and `--split --files <file>,<file>` to re-run only those files;",
    "`pnpm mutation --report-only` to rewrite this file from the last JSON reports. Survivors judged",
    "equivalent get one line of why in [`scripts/mutation-notes.mjs`](scripts/mutation-notes.mjs).",
    "",
    `Report written at commit \`${commit}\` from these runs on a shared 2-core machine:`,
    ...runs.map(
      (r) =>
        `- ${r.name}: ${measuredAt(r.name)}; ${minutes(r.seconds)}${r.split ? " in all" : ""}, finished ${r.finishedAt.slice(0, 16).replace("T", " ")} UTC${r.how ? `; ${r.how}` : ""}`,
    ),
    ...sections,
    "",
    "## Score per file",
    "",
    "| file | mutants | do not compile | killed | timeout | survived | no coverage | equivalent | score | score without equivalents |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      ({ path, counts: c }) =>
        `| ${path.startsWith("**") ? path : `\`${short(path)}\``} | ${c.total} | ${c.CompileError + c.RuntimeError} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.equivalent} | ${pct(score(c))} | ${pct(score(c, true))} |`,
    ),
    "",
    `## Survivors to look at (${survivors.look.length})`,
    "",
    `Behaviour no test pins down yet: each is a missing test (or an equivalent mutant still to be noted). ${perPackage(survivors.look)}`,
    "",
    ...list(survivors.look),
    "",
    `## Judged equivalent (${survivors.equivalent.length})`,
    "",
    "No test can tell these apart from the original: the mutated code behaves the same.",
    "",
    ...list(survivors.equivalent),
    "",
    `## Message wording only (${survivors.wording.length})`,
    "",
    "A string literal inside an error message (or a description for one) emptied or changed. The type, `field`",
    "and status of every error are tested; exact wording is tested where a caller may rely on it.",
    "",
    ...list(survivors.wording),
    "",
  ];
  if (unusedNotes.size > 0) {
    md.push(
      `## Notes that matched no survivor (${unusedNotes.size})`,
      "",
      "The code moved or the mutant is now killed: update `scripts/mutation-notes.mjs`.",
      "",
      ...[...unusedNotes].map((n) => `- \`${short(n.file)}\` ${n.mutator} \`${n.code}\``),
      "",
    );
  }
  writeFileSync(outFile, md.join("\n"));
}

/**
 * An incremental run reuses a static mutant's old result even when a new test would kill it now (Stryker cannot
 * see which tests cover a static mutant). A targeted run of such mutants (`targeted.json`) replaces their results.
 */
function applyTargetedRun(report, targetedPath) {
  if (!existsSync(targetedPath)) return 0;
  const targeted = JSON.parse(readFileSync(targetedPath, "utf8"));
  const key = (m) => `${m.mutatorName} ${m.replacement} ${JSON.stringify(m.location)}`;
  let count = 0;
  for (const [file, { mutants }] of Object.entries(targeted.files)) {
    const main = report.files[file];
    if (!main || main.source !== targeted.files[file].source) continue;
    for (const mutant of mutants) {
      const index = main.mutants.findIndex((m) => key(m) === key(mutant));
      if (index === -1 || main.mutants[index].status === mutant.status) continue;
      main.mutants[index] = mutant;
      count++;
    }
  }
  return count;
}

function perPackage(entries) {
  const counts = {};
  for (const e of entries) {
    const name = e.where.split("/")[0];
    counts[name] = (counts[name] ?? 0) + 1;
  }
  const parts = Object.entries(counts).map(([name, n]) => `${name}: ${n}`);
  return parts.length > 0 ? `By package: ${parts.join(", ")}.` : "";
}

function emptyCounts() {
  return {
    total: 0,
    Killed: 0,
    Timeout: 0,
    Survived: 0,
    NoCoverage: 0,
    CompileError: 0,
    RuntimeError: 0,
    Ignored: 0,
    Pending: 0,
    equivalent: 0,
  };
}

function count(counts, status) {
  counts.total++;
  counts[status] = (counts[status] ?? 0) + 1;
}

function score(c, withoutEquivalents = false) {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage - (withoutEquivalents ? c.equivalent : 0);
  return valid === 0 ? 100 : (100 * detected) / valid;
}

function describeMutant(path, lines, mutant) {
  const { start, end } = mutant.location;
  const line = (lines[start.line - 1] ?? "").trim();
  const original =
    start.line === end.line
      ? (lines[start.line - 1] ?? "").slice(start.column - 1, end.column - 1)
      : [(lines[start.line - 1] ?? "").slice(start.column - 1), "…"].join("");
  return {
    where: `${short(path)}:${start.line}`,
    mutator: mutant.mutatorName,
    status: mutant.status,
    line,
    original: clip(original),
    fullOriginal: original,
    replacement: clip(mutant.replacement ?? ""),
  };
}

/**
 * A string literal inside the statement that builds an error (`new …Error(`, `fail(`, `super(`): the statement
 * runs from the literal's line back to the line after the previous statement's end.
 */
function isErrorWording(lines, mutant) {
  if (mutant.mutatorName !== "StringLiteral") return false;
  let first = mutant.location.start.line - 1;
  while (first > 0 && !/[;{}]\s*$/.test(lines[first - 1] ?? "")) first--;
  const statement = lines.slice(first, mutant.location.end.line).join("\n");
  return /new \w*Error\(|\bfail\(|\bsuper\(/.test(statement);
}

function list(entries) {
  if (entries.length === 0) return ["None."];
  return entries.map(
    (e) =>
      `- \`${e.where}\` ${e.mutator}${e.status === "NoCoverage" ? " (no test reaches it)" : ""}: ${code(e.original)} → ${code(e.replacement)}${e.why ? ` — ${e.why}` : ""}`,
  );
}

function code(text) {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "(empty)";
  return flat.includes("`") ? `\`\` ${flat} \`\`` : `\`${flat}\``;
}

function clip(text) {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}

function short(path) {
  return path.replace(/^packages\//, "");
}

function pct(value) {
  return `${value.toFixed(1)} %`;
}

function met(ok) {
  return ok ? "(met)" : "(**not met**)";
}

function minutes(seconds) {
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
