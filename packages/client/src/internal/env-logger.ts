/**
 * `PLANKY_LOG=debug|info|warn|off`: the `logger` events on stderr without a code change. Read only where
 * `process.env` exists (Node, Bun, Deno); the webflow entry never imports this file, so no browser bundle reads it.
 */
import { PlankyValidationError } from "../errors";
import type { PlankyLogEvent } from "./request";

/** A level prints the events of its own and every lower rank: `warn` 1, `info` 2, `debug` 3. */
const LEVELS = ["off", "warn", "info", "debug"];

/** The logger `PLANKY_LOG` asks for, or `undefined` when it is unset, empty or `off`. */
export function envLogger(): ((event: PlankyLogEvent) => void) | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.PLANKY_LOG;
  const level = value ? LEVELS.indexOf(value) : 0;
  if (level < 0) throw new PlankyValidationError("PLANKY_LOG", `expected one of ${LEVELS}`);
  // warn: failures without an answer (connection errors, the token store); info: also retries; debug: every answer.
  return level
    ? (event) => {
        if ((event.type === "response" ? 3 : event.type === "retry" ? 2 : 1) <= level)
          // One JSON line per event: the event never holds a header, body or token, so neither does the line.
          console.error(`[planky] ${JSON.stringify(event)}`);
      }
    : undefined;
}
