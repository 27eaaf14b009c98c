/** Runs a command to completion and hands back its output; a non-zero exit throws with that output attached. */
import { spawn } from "node:child_process";

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the command after this long (it is a test: nothing may hang forever). */
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  output: string;
}

export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: "pipe" });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 180_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? -1, output };
      if (code === 0) resolve(result);
      else {
        const why = signal ? `was killed by ${signal}` : `exited with ${code}`;
        reject(Object.assign(new Error(`${command} ${args.join(" ")} ${why}:\n${output}`), result));
      }
    });
  });
}

/** Like `run`, but resolves with the exit code instead of throwing, for checks that are meant to fail. */
export function runAllowingFailure(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return run(command, args, options).catch((error: Error & Partial<RunResult>) => {
    if (typeof error.code !== "number") throw error;
    return { code: error.code, output: error.output ?? "" };
  });
}
