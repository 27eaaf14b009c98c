/** Starts serve.ts in a child process and stops it again. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface BenchServer {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const child = spawnTs(fileURLToPath(new URL("./serve.ts", import.meta.url)), ["pipe", "pipe", "inherit", "ipc"]);
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout?.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}

/** Runs a TypeScript file in a fresh Node process (tsx only transpiles at load time; no runtime cost after). */
export function spawnTs(
  file: string,
  stdio: ("pipe" | "inherit" | "ignore" | "ipc")[],
  args: string[] = [],
): ChildProcess {
  return spawn(process.execPath, ["--expose-gc", "--import", "tsx", file, ...args], { stdio });
}
