/**
 * Child processes that cannot outlive the sandbox. The child runs a small preamble before its real script: it
 * exits as soon as its stdin pipe from us closes, which the OS does however we end (`stop()`, `process.exit()`, an
 * uncaught exception, `kill -9`), and on its way out it removes the folders it was given. Without it, a killed
 * test runner left Prism running on its port (~175 MiB each) and a `planky-mock-*` folder in the temp folder.
 */
import { type ChildProcess, spawn } from "node:child_process";

// CommonJS, run with `node -e`: argv is [node, script, foldersJson, ...args]; the script then sees [node, script, ...args].
const PREAMBLE = `
const { rmSync } = require("node:fs");
const [node, script, foldersJson, ...args] = process.argv;
const folders = JSON.parse(foldersJson);
process.on("exit", () => {
  for (const folder of folders) {
    try { rmSync(folder, { recursive: true, force: true }); } catch {}
  }
});
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => process.exit(0));
const parentGone = () => process.exit(0);
process.stdin.on("end", parentGone);
process.stdin.on("close", parentGone);
process.stdin.on("error", parentGone);
process.stdin.resume();
process.argv = [node, script, ...args];
require(script);
`;

/**
 * Runs the CommonJS script `script` with `args` in a Node child tied to this process's life; `removeOnExit` are
 * folders the child deletes when it exits (for any reason but its own `SIGKILL`). Its stdout and stderr are pipes.
 */
export function spawnTiedToParent(script: string, args: string[], removeOnExit: string[] = []): ChildProcess {
  return spawn(process.execPath, ["-e", PREAMBLE, "--", script, JSON.stringify(removeOnExit), ...args], {
    stdio: ["pipe", "pipe", "pipe"],
  });
}
