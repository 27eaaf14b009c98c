/**
 * Runs Prism (a dependency of this package) on the spec bundled into it: `mock` answers the spec's examples,
 * `proxy` forwards to an upstream and checks every request and every answer against the spec (`--errors`: an
 * answer that breaks the spec becomes a 500 naming the violations).
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spec } from "../generated/spec";
import { spawnTiedToParent } from "./child-lifetime";

/** How long Prism may take to start; on a loaded 2-core machine it has needed more than a minute. */
const START_TIMEOUT_MS = 120_000;

export interface PrismProcess {
  url: string;
  /** Prism's process id (for tests that kill it). */
  pid: number | undefined;
  /** Resolves when Prism exits, whoever ended it, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export type PrismMode = { mode: "mock" } | { mode: "proxy"; upstream: string };

/** A TCP port that was free a moment ago. */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = createServer().listen(0, host);
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("Could not find a free port");
  return address.port;
}

export async function startPrism(
  how: PrismMode,
  { host = "127.0.0.1", port, log }: { host?: string; port?: number; log?: (line: string) => void } = {},
): Promise<PrismProcess> {
  // Prism reads a file: the bundled spec (JSON is YAML), in a temp folder removed on stop.
  const dir = await mkdtemp(join(tmpdir(), "planky-mock-"));
  const specFile = join(dir, "openapi.json");
  await writeFile(specFile, JSON.stringify(spec));
  const listenPort = port || (await freePort(host)); // 0 means "any free port", as for the sandbox
  const prismBin = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
  const args =
    how.mode === "proxy" ? [prismBin, "proxy", specFile, how.upstream, "--errors"] : [prismBin, "mock", specFile];
  args.push("--host", host, "--port", String(listenPort));
  // Tied to this process: Prism exits, and removes `dir`, even if we are killed or exit without stop().
  const [script = prismBin, ...rest] = args;
  const child = spawnTiedToParent(script, rest, [dir]);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const cleanUp = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForListening(child, log);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { url: `http://${host}:${listenPort}`, pid: child.pid, exited, stop: cleanUp };
}

function waitForListening(child: ChildProcess, log?: (line: string) => void): Promise<void> {
  let output = "";
  let listening = false;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Prism did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      log?.(String(chunk));
      if (listening) return; // keep draining the pipe, stop collecting
      output += chunk;
      if (/Prism is listening/.test(output)) {
        listening = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`Prism exited with code ${code} before listening:\n${output}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
