/** Forks fleet workers (`fleet-worker.ts`, bundled once with esbuild so a plain `node` runs it) and talks to them. */
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { FromWorker, ToWorker, WorkerConfig } from "./fleet-worker";

type Done = Extract<FromWorker, { type: "done" }>;

// Inside the package, so that `redis` resolves from its node_modules.
const bundleDir = fileURLToPath(new URL("../../node_modules/.cache/planky-fleet/", import.meta.url));
let bundled: Promise<string> | undefined;

function workerBundle(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(bundleDir, { recursive: true });
    const outfile = `${bundleDir}worker-${process.pid}.mjs`;
    await build({
      entryPoints: [fileURLToPath(new URL("./fleet-worker.ts", import.meta.url))],
      outfile,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      logLevel: "silent",
    });
    return outfile;
  })();
  return bundled;
}

/** Deletes this test process' worker bundle. */
export function removeWorkerBundle(): void {
  if (bundled) rmSync(`${bundleDir}worker-${process.pid}.mjs`, { force: true });
  bundled = undefined;
}

export interface Worker {
  process: ChildProcess;
  /** Runs `calls` calls at once and resolves with the report. */
  run(calls: number): Promise<Done>;
  exit(): Promise<void>;
}

export async function startWorker(config: WorkerConfig): Promise<Worker> {
  const child = fork(await workerBundle(), [JSON.stringify(config)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const next = (type: FromWorker["type"]) =>
    new Promise<FromWorker>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        resolve(message);
      };
      child.on("message", onMessage);
      exited.then(() => reject(new Error(`fleet worker ${child.pid} exited before "${type}"`)));
    });
  await next("ready");
  const send = (message: ToWorker) => child.send(message);
  return {
    process: child,
    run: (calls) => {
      const done = next("done") as Promise<Done>;
      send({ type: "run", calls });
      return done;
    },
    exit: async () => {
      if (child.connected) send({ type: "exit" });
      await exited;
    },
  };
}
