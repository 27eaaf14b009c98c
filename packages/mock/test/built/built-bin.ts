/**
 * The command users run, `node bin/planky-mock.js serve` (→ dist/cli.js), as a child process on a free port: for
 * the tests that check what ships, not src/ (a bundler once removed the sandbox's escape check from dist/ alone).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(packageDir, "bin/planky-mock.js");
const BUILT = join(packageDir, "dist/cli.js");

/** Fails, saying what to run, when dist/ is missing or older than a source file (turbo builds it before `test`). */
export function expectFreshBuild(): void {
  let built: number;
  try {
    built = statSync(BUILT).mtimeMs;
  } catch {
    throw new Error(`${BUILT} is missing: build first (npx pnpm --filter @planky-kit/mock build)`);
  }
  const sources = readdirSync(join(packageDir, "src"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  const newer = sources.filter((file) => statSync(file).mtimeMs > built);
  if (newer.length > 0) {
    throw new Error(`dist/ is older than ${newer[0]}: build first (npx pnpm --filter @planky-kit/mock build)`);
  }
}

export interface BuiltSandbox {
  url: string;
  process: ChildProcess;
  /** Everything the command printed on stderr so far. */
  stderr(): string;
  /** The Prism process the command started (its only child running Node), if any. */
  prismPid(): number | undefined;
  stop(): Promise<void>;
}

/** Starts `planky-mock serve --port 0 …args` and resolves with its URL once it prints its ready line. */
export function startBuiltSandbox(args: string[] = []): Promise<BuiltSandbox> {
  return startBuiltCommand(["serve", "--port", "0", ...args], /(http:\/\/127\.0\.0\.1:\d+)\s+\(ready/);
}

/** Starts `planky-mock …args`; resolves once its stdout matches `ready`, whose first group is the URL. */
export async function startBuiltCommand(args: string[], ready: RegExp): Promise<BuiltSandbox> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const found = ready.exec(stdout)?.[1];
      if (found) resolve(found);
    });
    child.once("exit", (code, signal) => reject(new Error(`planky-mock exited (${code ?? signal}):\n${stderr}`)));
  });
  return {
    url,
    process: child,
    stderr: () => stderr,
    prismPid: () => childrenOf(child.pid as number)[0],
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The pids whose parent is `pid` (Linux /proc). */
export function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Alive and not a zombie. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

export interface Exchange {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Answer {
  status: number;
  body: string;
  /** From the first byte sent to the last byte of the answer. */
  ms: number;
}

/**
 * One request over a fresh connection, sent as given (what `fetch` would refuse to send), failing after `timeoutMs`
 * without an answer: a hang is a failure, not a slow test.
 */
export function exchange(base: string, { method, path, headers = {}, body }: Exchange, timeoutMs: number) {
  const url = new URL(base);
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers, agent: false, timeout: timeoutMs },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.once("end", () =>
          resolve({
            status: incoming.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        incoming.once("error", reject);
      },
    );
    outgoing.once("timeout", () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.once("error", reject);
    outgoing.end(body);
  });
}

/** Raw bytes on a socket (a NUL in the path, an unknown method): the status of the answer. */
export function rawExchange(base: string, text: string, timeoutMs: number): Promise<Answer> {
  const url = new URL(base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let received = "";
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on("data", (chunk) => {
      received += chunk;
    });
    socket.once("close", () => {
      clearTimeout(timer);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, body: received.split("\r\n\r\n").slice(1).join("\r\n\r\n"), ms: performance.now() - started });
    });
    socket.once("error", reject);
    socket.end(text);
  });
}
