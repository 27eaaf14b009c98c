#!/usr/bin/env node
// `planky-mock serve [--port 4010] [--host 127.0.0.1] [--static] [--state file.json] [--client-id id --client-secret s]`
// `planky-mock conformance …` and `planky-mock proxy …`: see their own `--help`.
import { conformanceCommand } from "./conformance/command";
import { proxyCommand } from "./proxy/command";
import { runCli } from "./sandbox/cli-run";

const [command, ...rest] = process.argv.slice(2);
const run =
  command === "conformance"
    ? conformanceCommand(rest).then((code) => process.exit(code))
    : command === "proxy"
      ? proxyCommand(rest)
      : runCli(process.argv.slice(2));

run.catch((error: unknown) => {
  console.error(`planky-mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(command === "conformance" ? 2 : 1);
});
