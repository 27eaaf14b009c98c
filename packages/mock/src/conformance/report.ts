/** The conformance run's result as text: the console lines, a Markdown report, a JUnit XML report (for CI). */
import { formatViolation } from "./response-check";
import type { ConformanceResult } from "./run";

export function summaryLine(result: ConformanceResult): string {
  const covered = result.operations.filter((op) => op.outcome === "covered").length;
  return (
    `${covered} of ${result.operations.length} operations exercised, ${result.responsesChecked} responses checked, ` +
    `${result.violations.length} violation${result.violations.length === 1 ? "" : "s"}`
  );
}

/** One line per operation the run could not reach, with the reason. */
export function notCoveredLines(result: ConformanceResult): string[] {
  return result.operations
    .filter((op) => op.outcome === "not covered")
    .map((op) => `not covered: ${op.operationId} (${op.method} ${op.path}): ${op.reason ?? "not reached"}`);
}

export function markdownReport(result: ConformanceResult): string {
  const lines = [
    "# Conformance of the server to the Planky spec",
    "",
    `Server: ${result.baseUrl}`,
    "",
    `**${summaryLine(result)}**`,
    "",
    "| Operation | Method and path | Result | Statuses seen | Violations |",
    "| --- | --- | --- | --- | --- |",
    ...result.operations.map(
      (op) =>
        `| ${op.operationId} | \`${op.method} ${op.path}\` | ${op.outcome === "covered" ? "covered" : `not covered: ${cell(op.reason ?? "")}`} | ${op.statuses.join(", ") || "none"} | ${op.violations.length} |`,
    ),
    "",
    "## Violations",
    "",
    ...(result.violations.length === 0
      ? ["None."]
      : result.violations.map((violation) => `- \`${formatViolation(violation)}\``)),
    "",
  ];
  return lines.join("\n");
}

/** One test case per operation: a violation is a failure, an operation not covered is skipped (never passed). */
export function junitReport(result: ConformanceResult): string {
  const skipped = result.operations.filter((op) => op.outcome === "not covered").length;
  const failures = result.operations.filter((op) => op.violations.length > 0).length;
  const cases = result.operations.map((op) => {
    const open = `    <testcase classname="planky.conformance" name="${xml(`${op.operationId} ${op.method} ${op.path}`)}">`;
    const inner: string[] = [];
    if (op.violations.length > 0) {
      const text = op.violations.map(formatViolation).join("\n");
      inner.push(`      <failure message="${xml(`${op.violations.length} violation(s)`)}">${xml(text)}</failure>`);
    }
    if (op.outcome === "not covered")
      inner.push(`      <skipped message="${xml(`not covered: ${op.reason ?? ""}`)}"/>`);
    return [open, ...inner, "    </testcase>"].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="planky-conformance" tests="${result.operations.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${xml(result.baseUrl)}" tests="${result.operations.length}" failures="${failures}" skipped="${skipped}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function xml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}
