/**
 * `pnpm start` as a newcomer meets it (run through pnpm, with PLANKY_START_SKIP_BUILD=1: the packages are built
 * already, and a nested turbo build must not run inside the test command): the ready lines and nothing else, the
 * URLs it prints answer in a browser, Ctrl+C (SIGINT to the whole process group, as a terminal sends it) exits 0
 * without pnpm's "ELIFECYCLE Command failed", and a busy port is one line naming the port and the variable to change.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { freePort } from "../../mock/src/prism-launcher.mjs";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const pnpmBin = fileURLToPath(new URL("node_modules/pnpm/bin/pnpm.cjs", new URL(`file://${repoRoot}`)));

/** `pnpm start`, or `node scripts/start.mjs` alone (`viaPnpm: false`, to read its own output without pnpm's). */
function startProcess(env: Record<string, string>, viaPnpm = true) {
  const command = viaPnpm ? [pnpmBin, "start"] : [`${repoRoot}scripts/start.mjs`];
  // Its own process group, like a terminal's foreground job: a group SIGINT reaches pnpm, its shell and Prism too.
  const child = spawn(process.execPath, command, {
    cwd: repoRoot,
    env: { ...process.env, PLANKY_START_SKIP_BUILD: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output.stderr += chunk;
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, output, exited };
}

test("prints only the ready lines, the printed URLs answer, and Ctrl+C exits 0", async () => {
  const [mockPort, docsPort] = [await freePort(), await freePort()];
  const { child, output, exited } = startProcess({ MOCK_PORT: String(mockPort), DOCS_PORT: String(docsPort) });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => {
        if (output.stdout.includes("Ctrl+C stops both.")) resolve();
      });
      exited.then(([code]) => reject(new Error(`start.mjs exited (${code}):\n${output.stdout}${output.stderr}`)));
    });
    const mock = `http://127.0.0.1:${mockPort}`;
    expect(output.stdout.split("\n").filter((line) => line.trim() !== "")).toEqual([
      expect.stringMatching(/^> planky-kit@ start /),
      "> exec node scripts/start.mjs --build",
      `Planky API mock (Prism): ${mock}  (the stateful sandbox; every exchange checked by Prism)`,
      `Sandbox control API:      ${mock}/_sandbox/  (see packages/mock/README.md)`,
      `Planky API docs (Redoc):  http://127.0.0.1:${docsPort}/  (servers list the sandbox first)`,
      "Ctrl+C stops both.",
    ]);
    expect(output.stderr).toBe("");
    for (const url of [`${mock}/`, `${mock}/_sandbox/`, `http://127.0.0.1:${docsPort}/`]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type"), url).toContain("text/html");
    }
  } finally {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGINT");
  }
  const [code, signal] = await exited;
  // pnpm reports "ELIFECYCLE Command failed" on stderr when its script's shell dies of the SIGINT.
  expect({ code, signal, stderr: output.stderr }).toEqual({ code: 0, signal: null, stderr: "" });
}, 180_000);

test.each([
  ["MOCK_PORT", "DOCS_PORT"],
  ["DOCS_PORT", "MOCK_PORT"],
])("a busy %s is one line naming the port and the variable, exit 1", async (busyVariable, otherVariable) => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  const { port } = busy.address() as { port: number };
  try {
    const { output, exited } = startProcess(
      { [busyVariable]: String(port), [otherVariable]: String(await freePort()) },
      false,
    );
    const [code] = await exited;
    expect(code).toBe(1);
    expect(output.stdout).toBe("");
    expect(output.stderr).toBe(
      `pnpm start: port ${port} is in use (another pnpm start?). Stop that, or choose another port: ${busyVariable}=${port + 1} npx --yes pnpm@10.34.9 start\n`,
    );
  } finally {
    busy.close();
  }
});
