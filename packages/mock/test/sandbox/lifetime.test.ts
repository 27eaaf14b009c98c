/**
 * Prism cannot outlive the process that started the sandbox, however that process ends, and leaves no temp folder
 * behind (review defect 3: a killed or force-exited host left Prism running on its port, ~175 MiB each, and a
 * `planky-mock-*` folder). Each case runs a real host process (fixtures/host.ts) with its own TMPDIR.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test, vi } from "vitest";

const fixture = new URL("./fixtures/host.ts", import.meta.url).pathname;
const packageDir = new URL("../..", import.meta.url).pathname;
const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});

/** Alive and not a zombie (an orphan's zombie lingers where PID 1 does not reap). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

async function startHost(how: "exit" | "crash" | "wait") {
  const tempRoot = await mkdtemp(join(tmpdir(), "planky-lifetime-"));
  const host: ChildProcess = spawn(process.execPath, ["--import", "tsx", fixture, how], {
    cwd: packageDir,
    env: { ...process.env, TMPDIR: tempRoot },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  host.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = once(host, "exit");
  const started = await new Promise<{ prismPid: number; url: string; tempEntries: string[] }>((resolve, reject) => {
    let line = "";
    host.stdout?.on("data", (chunk) => {
      line += chunk;
      if (line.includes("\n")) resolve(JSON.parse(line.split("\n")[0] ?? ""));
    });
    host.once("exit", (code) => {
      if (!line.includes("\n")) reject(new Error(`the host exited (${code}) before starting:\n${output}`));
    });
  });
  cleanUps.push(async () => {
    if (isRunning(started.prismPid)) process.kill(started.prismPid, "SIGKILL");
    if (host.exitCode === null && host.signalCode === null) host.kill("SIGKILL");
    await rm(tempRoot, { recursive: true, force: true });
  });
  // The spec copy Prism reads is in this host's temp folder while it runs (listed by the host itself: `exit` and
  // `crash` end it right after, and a loaded machine may let Prism clean up before this test could look).
  expect(started.tempEntries.some((name) => name.startsWith("planky-mock-"))).toBe(true);
  if (how === "wait") expect(isRunning(started.prismPid)).toBe(true);
  return { host, exited, tempRoot, ...started };
}

/** Prism notices its parent is gone through a closed pipe; allow a loaded machine time to run its exit. */
async function expectPrismGoneAndTempClean(prismPid: number, tempRoot: string) {
  await vi.waitFor(() => expect(isRunning(prismPid)).toBe(false), { timeout: 30_000, interval: 50 });
  const leftovers = async () => (await readdir(tempRoot)).filter((name) => name.startsWith("planky-mock-"));
  await vi.waitFor(async () => expect(await leftovers()).toEqual([]), { timeout: 10_000, interval: 50 });
}

test("kill -9 of the host: Prism exits and its temp folder is removed", async () => {
  const { host, exited, prismPid, tempRoot } = await startHost("wait");
  host.kill("SIGKILL");
  await exited;
  await expectPrismGoneAndTempClean(prismPid, tempRoot);
}, 180_000);

test("process.exit(0) right after the sandbox started: Prism exits and its temp folder is removed", async () => {
  const { exited, prismPid, tempRoot } = await startHost("exit");
  expect((await exited)[0]).toBe(0);
  await expectPrismGoneAndTempClean(prismPid, tempRoot);
}, 180_000);

test("an uncaught exception in the host: Prism exits and its temp folder is removed", async () => {
  const { exited, prismPid, tempRoot } = await startHost("crash");
  expect((await exited)[0]).toBe(1);
  await expectPrismGoneAndTempClean(prismPid, tempRoot);
}, 180_000);
