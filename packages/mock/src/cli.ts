#!/usr/bin/env node
// `planky-mock serve [--port 4010] [--host 127.0.0.1] [--static] [--state file.json] [--client-id id --client-secret s]`
import { runCli } from "./sandbox/cli-run";

runCli(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`planky-mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
