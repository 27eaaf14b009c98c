/**
 * A throwaway Verdaccio registry on 127.0.0.1: its own storage and users in a temp folder, no uplinks (so nothing
 * but what we publish is in it), stopped by `stop()`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { freePort } from "../../../packages/mock/src/prism-launcher.mjs";

const verdaccioBin = join(createRequire(import.meta.url).resolve("verdaccio/package.json"), "..", "bin", "verdaccio");

export interface Registry {
  /** Base URL with a trailing slash, as npm writes registry URLs. */
  url: string;
  /** `//127.0.0.1:PORT/`, the key prefix for per-registry settings in an .npmrc. */
  npmrcKey: string;
  /** Creates a user and returns its auth token. */
  addUser(name: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startVerdaccio(dir: string): Promise<Registry> {
  const port = await freePort();
  const config = join(dir, "config.yaml");
  // JSON is valid YAML, so the config needs no YAML writer.
  const settings = {
    storage: join(dir, "storage"),
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 10 } },
    uplinks: {},
    packages: {
      "@planky-kit/*": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
      "**": { access: "$all" },
    },
    web: { enable: false },
    middlewares: { audit: { enabled: false } },
    log: { type: "stdout", format: "pretty", level: "warn" },
  };
  await writeFile(config, JSON.stringify(settings, null, 2));
  const child = spawn(process.execPath, [verdaccioBin, "--config", config, "--listen", `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk) => {
    log += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    log += chunk;
  });
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilUp(url, child, () => log);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    url,
    npmrcKey: `//127.0.0.1:${port}/`,
    async addUser(name, password) {
      const response = await fetch(`${url}-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name, password, type: "user", roles: [], date: new Date().toISOString() }),
      });
      const body = (await response.json()) as { token?: string; error?: string };
      if (!response.ok || !body.token)
        throw new Error(`Verdaccio refused user ${name}: ${response.status} ${body.error}`);
      return body.token;
    },
    stop: () => stopChild(child),
  };
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode}:\n${log()}`);
    const ok = await fetch(`${url}-/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Verdaccio did not answer on ${url} within 60 s:\n${log()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const exited = once(child, "exit");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
