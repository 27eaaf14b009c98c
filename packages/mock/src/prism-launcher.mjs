// The one Prism launcher of the repo: the `@planky-kit/mock` sandbox (bundled into its dist), `pnpm mock` and the
// other packages' tests all start Prism through `startPrism`, so how Prism is started, waited for and stopped lives
// in one place. Plain JavaScript with its types beside it (prism-launcher.d.mts), so scripts/mock.mjs and the tests
// run it without a build; it lives in the mock, which owns Prism (`spec/` is the spec and its checks, issue 31).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { createServer } from "node:net";

/** How long Prism may take to start; on a loaded 2-core CI machine it has needed more than a minute. */
const START_TIMEOUT_MS = 120_000;
/** How long a SIGTERM may take before the child is killed. */
const STOP_GRACE_MS = 5_000;

// Prism cannot outlive whoever started it. The child runs this preamble before Prism: it exits as soon as its stdin
// pipe from us closes, which the OS does however we end (`stop()`, `process.exit()`, an uncaught exception,
// `kill -9`), and on its way out removes the folders it was given. Without it, a killed test runner left Prism
// running on its port (~175 MiB each) and its temp folder behind. CommonJS, run with `node -e`: argv is
// [node, script, foldersJson, ...args]; Prism then sees [node, script, ...args].
const TIED_TO_PARENT = `
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
 * The repository's spec/openapi.yaml, for callers in the workspace that give no `spec` (the mock's devDependency
 * `@planky-kit/spec`). Resolved only then: the published sandbox always passes the spec it bundles.
 */
function workspaceSpec() {
  return createRequire(import.meta.url).resolve("@planky-kit/spec/openapi.yaml");
}

/** A TCP port that was free a moment ago. */
export async function freePort(host = "127.0.0.1") {
  const server = createServer().listen(0, host);
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("Could not find a free port");
  return address.port;
}

/**
 * `mock` answers the spec's examples (`dynamic`: generated data instead); `proxy` forwards to `upstream` and checks
 * every request and answer against the spec (`--errors`: an answer that breaks the spec becomes a 500 naming the
 * violations).
 * @param {import("./prism-launcher.d.mts").PrismOptions} [options]
 * @returns {Promise<import("./prism-launcher.d.mts").PrismProcess>}
 */
export async function startPrism(options = {}) {
  const {
    mode = "mock",
    spec = workspaceSpec(),
    upstream,
    dynamic = false,
    host = "127.0.0.1",
    stdio = "pipe",
    log,
    removeOnExit = [],
  } = options;
  if (mode === "proxy" && !upstream) throw new Error("startPrism: mode proxy needs an upstream URL");
  const port = options.port || (await freePort(host)); // 0 means "any free port"
  // Resolved from the mock's install (its dependency), whether this file runs from src/ or bundled into dist/.
  const prismBin = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
  const args =
    mode === "proxy" ? ["proxy", spec, upstream, "--errors"] : ["mock", spec, ...(dynamic ? ["--dynamic"] : [])];
  args.push("--host", host, "--port", String(port));
  const child = spawn(process.execPath, ["-e", TIED_TO_PARENT, "--", prismBin, JSON.stringify(removeOnExit), ...args], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const print = (chunk) => {
    log?.(String(chunk));
    if (stdio === "inherit") process.stdout.write(chunk);
  };
  try {
    await waitForListening(child, print);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { url: `http://${host}:${port}`, port, pid: child.pid, exited, stop: () => stopChild(child) };
}

function waitForListening(child, print) {
  let output = "";
  let listening = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Prism did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk) => {
      print(chunk);
      if (listening) return; // keep draining the pipe, stop collecting
      output += chunk;
      if (/Prism is listening/.test(output)) {
        listening = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (!listening) reject(new Error(`Prism exited (${signal ?? `code ${code}`}) before listening:\n${output}`));
    });
  });
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
