/**
 * `planky-mock conformance --base-url URL --client-id ID --client-secret S [--allow-writes] [--report FILE]`.
 * Exit codes: 0 no violation, 1 violations found, 2 could not run (bad arguments, unreachable, credentials refused).
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { junitReport, markdownReport, notCoveredLines, summaryLine } from "./report";
import { formatViolation } from "./response-check";
import { ConformanceAbort, runConformance } from "./run";

export const CONFORMANCE_USAGE = `Usage: planky-mock conformance --base-url <url> --client-id <id> --client-secret <s> [options]

Calls every operation of the spec bundled in @planky-kit/mock that it safely can against the server at <url>,
and checks each answer (status, content type, body, declared headers) against the spec.

Options:
  --base-url <url>       the API origin, e.g. https://api.friendlyscore.com
  --client-id <id>       your API client id
  --client-secret <s>    your API client secret (never printed)
  --allow-writes         also create test data: a customer "conformance-<timestamp>", its customer token, an
                         invitation (no email sent), a webhook URL and an allowed redirect URL on example.com, a
                         consent screen, a bank flow URL; reconfirm and delete that customer's consent
  --report <file>        also write the result to <file>: JUnit XML if it ends in .xml, else Markdown
  -h, --help             show this help

Exit code: 0 no violation, 1 violations found, 2 could not run.`;

/** Runs the command; returns the exit code. `out`/`err` are where lines go (the console by default). */
export async function conformanceCommand(
  argv: string[],
  io: { out?: (line: string) => void; err?: (line: string) => void; fetch?: typeof globalThis.fetch } = {},
): Promise<number> {
  const out = io.out ?? ((line: string) => console.log(line));
  const err = io.err ?? ((line: string) => console.error(line));
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    err(`planky-mock conformance: ${error instanceof Error ? error.message : String(error)}\n\n${CONFORMANCE_USAGE}`);
    return 2;
  }
  if (values.help) {
    out(CONFORMANCE_USAGE);
    return 0;
  }
  const missing = (["base-url", "client-id", "client-secret"] as const).filter((name) => !values[name]);
  if (missing.length > 0) {
    err(`planky-mock conformance: missing ${missing.map((name) => `--${name}`).join(", ")}\n\n${CONFORMANCE_USAGE}`);
    return 2;
  }
  const baseUrl = values["base-url"] ?? "";
  if (!/^https?:\/\/[^/]/.test(baseUrl) || !URL.canParse(baseUrl)) {
    err(`planky-mock conformance: --base-url must be an http(s) URL, got "${baseUrl}"`);
    return 2;
  }
  let result: Awaited<ReturnType<typeof runConformance>>;
  try {
    result = await runConformance({
      baseUrl,
      clientId: values["client-id"] ?? "",
      clientSecret: values["client-secret"] ?? "",
      allowWrites: values["allow-writes"] === true,
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
  } catch (error) {
    if (error instanceof ConformanceAbort) {
      err(`planky-mock conformance: ${error.message}`);
      return 2;
    }
    throw error;
  }
  for (const violation of result.violations) out(formatViolation(violation));
  for (const line of notCoveredLines(result)) out(line);
  out(summaryLine(result));
  if (values.report) {
    const text = values.report.endsWith(".xml") ? junitReport(result) : markdownReport(result);
    await writeFile(values.report, text);
    out(`report: ${values.report}`);
  }
  return result.violations.length > 0 ? 1 : 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: false,
    strict: true,
    options: {
      "base-url": { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      "allow-writes": { type: "boolean" },
      report: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
