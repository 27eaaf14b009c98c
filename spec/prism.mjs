// Starts a Prism mock server of this spec and stops it again: used by `pnpm mock`, `pnpm start` and the tests.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const specPath = fileURLToPath(new URL("./openapi.yaml", import.meta.url));
const prismBin = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * @param {{ port?: number, host?: string, dynamic?: boolean, stdio?: "pipe" | "inherit" }} [options]
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startPrism({ port, host = "127.0.0.1", dynamic = false, stdio = "pipe" } = {}) {
  const listenPort = port ?? (await freePort());
  const args = [prismBin, "mock", specPath, "--host", host, "--port", String(listenPort)];
  if (dynamic) args.push("--dynamic");
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: false });
  let output = "";
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (stdio === "inherit") process.stdout.write(chunk);
      if (/Prism is listening/.test(output)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`Prism exited with code ${code} before listening:\n${output}`)));
  });
  // Generous: on a loaded 2-core CI machine Prism has needed more than a minute to start.
  const timeout = setTimeout(() => child.kill("SIGKILL"), 120_000);
  try {
    await ready;
  } finally {
    clearTimeout(timeout);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  return { url: `http://${host}:${listenPort}`, port: listenPort, stop };
}
