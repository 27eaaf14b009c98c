/**
 * A real `redis-server` for the fleet tests: found on PATH, installed with apt on a Debian/Ubuntu machine that
 * lacks it (saying so on one line), started on a free 127.0.0.1 port with nothing persisted, stopped by the test.
 * Never skipped: without a redis-server the tests fail with a message that says how to get one.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

const INSTALL_HINT = "install Redis so that `redis-server` is on PATH (Debian/Ubuntu: apt-get install -y redis-server)";

function onPath(command: string): string | undefined {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** The path of `redis-server`, installed with apt first when it is missing on a Debian/Ubuntu machine. */
export function ensureRedisServer(): string {
  const present = onPath("redis-server");
  if (present) return present;
  if (!existsSync("/etc/debian_version") || !onPath("apt-get")) {
    throw new Error(`The fleet tests need a real Redis and redis-server is not installed: ${INSTALL_HINT}.`);
  }
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ["sudo", "-n"];
  if (!asRoot && !onPath("sudo")) {
    throw new Error(`The fleet tests need redis-server, and installing it needs root: ${INSTALL_HINT}.`);
  }
  process.stderr.write(
    "[fleet tests] redis-server is missing: installing the Debian package redis-server with apt-get\n",
  );
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["apt-get", "update"],
    ["apt-get", "install", "-y", "--no-install-recommends", "redis-server"],
  ]) {
    const [command, ...rest] = [...sudo, ...args] as [string, ...string[]];
    const run = spawnSync(command, rest, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (run.status !== 0) {
      const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim().split("\n").slice(-5).join("\n");
      throw new Error(
        `Installing redis-server failed (${args.join(" ")} exited ${run.status}): ${INSTALL_HINT}.\n${output}`,
      );
    }
  }
  const installed = onPath("redis-server");
  if (!installed) throw new Error(`apt-get installed redis-server but it is not on PATH: ${INSTALL_HINT}.`);
  return installed;
}

export interface RunningRedis {
  url: string;
  port: number;
  process: ChildProcess;
  /** Resolves once the server has exited. */
  exited: Promise<void>;
  /** SIGKILL, as a crash would: no shutdown, no goodbye to clients. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `redis-server` on a free port of 127.0.0.1 and resolves when it accepts connections. */
export async function startRedis(binary: string): Promise<RunningRedis> {
  for (let tries = 1; ; tries++) {
    const port = await freePort();
    const child = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    let output = "";
    const ready = await new Promise<boolean>((resolve) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) resolve(true);
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      exited.then(() => resolve(false));
    });
    if (ready) {
      const kill = async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        await exited;
      };
      const stop = async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exited;
      };
      return { url: `redis://127.0.0.1:${port}`, port, process: child, exited, kill, stop };
    }
    // The port was taken between our probe and redis' bind: try another one.
    if (tries >= 3) throw new Error(`redis-server did not start on 127.0.0.1:${port}:\n${output.slice(-2000)}`);
  }
}
