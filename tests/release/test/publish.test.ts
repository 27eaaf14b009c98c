/**
 * The packages as other teams get them: `pnpm release` publishes to a throwaway Verdaccio, then a fresh project
 * installs `@planky-kit/client` and `@planky-kit/mock` from there with npm and uses the client from ESM, CJS and
 * TypeScript, on Node 20 (this machine's), 22 and 24, against a Prism mock of the spec; the mock's MSW handlers
 * with msw/node; its sandbox from CommonJS; its `planky-mock` command via npx; and `@planky-kit/react` with React,
 * rendered on the server.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { specPath } from "@planky-kit/spec/path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { freePort, startPrism } from "../../../packages/mock/src/prism-launcher.mjs";
import { installNode } from "../support/node-binaries";
import { run } from "../support/run";
import { type Registry, startVerdaccio } from "../support/verdaccio";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/consumer/", import.meta.url));
const require = createRequire(import.meta.url);
const pnpmBin = join(repoRoot, "node_modules", "pnpm", "bin", "pnpm.cjs");
const tscBin = require.resolve("typescript/bin/tsc");
const client = JSON.parse(await readFile(join(repoRoot, "packages/client/package.json"), "utf8"));
const mock = JSON.parse(await readFile(join(repoRoot, "packages/mock/package.json"), "utf8"));
const react = JSON.parse(await readFile(join(repoRoot, "packages/react/package.json"), "utf8"));
const spec = parse(await readFile(specPath, "utf8"));
const example = (name: string) => spec.components.examples[name].value;

// Exact versions, so a run is repeatable; bump them deliberately.
const OTHER_NODES = ["22.23.3", "24.21.0"];

let tmp: string;
let registry: Registry;
let prism: Awaited<ReturnType<typeof startPrism>>;
let releaseOutput: string;
let consumerDir: string;
const nodes: { label: string; bin: string }[] = [{ label: process.version, bin: process.execPath }];

/** An environment whose npm/pnpm settings come only from `npmrc`, never from the user's ~/.npmrc. */
function isolatedEnv(npmrc: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Drop what the outer pnpm/turbo run exported (registry, user config, package metadata).
    if (/^(npm_|pnpm_|turbo_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, npm_config_userconfig: npmrc, npm_config_cache: join(tmp, "npm-cache"), ...extra };
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "planky-publish-"));
  const downloadEnv = isolatedEnv(join(tmp, "download.npmrc"));
  await writeFile(join(tmp, "download.npmrc"), "");
  // Registry start-up and the two downloads overlap; allSettled so a failed download still lets afterAll stop Verdaccio.
  const [started, ...downloads] = await Promise.allSettled([
    startVerdaccio(await mkdirIn(tmp, "verdaccio")),
    ...OTHER_NODES.map((version) => installNode(version, join(tmp, "nodes"), downloadEnv)),
  ]);
  if (started.status === "fulfilled") registry = started.value as Registry;
  for (const [i, download] of downloads.entries()) {
    if (download.status === "rejected") throw download.reason;
    nodes.push({ label: `v${OTHER_NODES[i]}`, bin: download.value as string });
  }
  if (started.status === "rejected") throw started.reason;

  // Publish exactly as a maintainer would: the root `release` script, pointed at Verdaccio by environment only.
  const token = await registry.addUser("planky-release", "release-password");
  const publishRc = join(tmp, "publish.npmrc");
  await writeFile(publishRc, `registry=${registry.url}\n${registry.npmrcKey}:_authToken=${token}\n`);
  // --no-git-tag: a test must not leave release tags in the repository.
  const release = await run(process.execPath, [pnpmBin, "release", "--no-git-tag"], {
    cwd: repoRoot,
    env: isolatedEnv(publishRc, { npm_config_registry: registry.url }),
    timeoutMs: 240_000,
  });
  releaseOutput = release.output;

  // A fresh project that knows nothing of this repo: the scope comes from Verdaccio, everything else from npm.
  consumerDir = await mkdirIn(tmp, "consumer");
  await cp(fixtures, consumerDir, { recursive: true });
  await copyFile(join(consumerDir, "typed.ts"), join(consumerDir, "typed.mts"));
  await copyFile(join(consumerDir, "typed.ts"), join(consumerDir, "typed.cts"));
  await writeFile(
    join(consumerDir, "package.json"),
    JSON.stringify(
      {
        name: "consumer",
        private: true,
        // msw: the newest 2.x, as the mock's README recommends (a peer dependency of @planky-kit/mock).
        // react: the newest 19.x, within @planky-kit/react's peer range (React 18 runs in tests/browser).
        dependencies: {
          [client.name]: client.version,
          [mock.name]: mock.version,
          [react.name]: react.version,
          msw: "2.15.0",
          react: "19.3.1",
          "react-dom": "19.3.1",
        },
        // For the backend-style consumer that has Node's types and no DOM lib.
        devDependencies: { "@types/node": "^20.19.0" },
      },
      null,
      2,
    ),
  );
  const consumerRc = join(tmp, "consumer.npmrc");
  await writeFile(consumerRc, `@planky-kit:registry=${registry.url}\n`);
  await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: consumerDir,
    env: isolatedEnv(consumerRc),
  });

  prism = await startPrism();
}, 420_000);

afterAll(async () => {
  await prism?.stop();
  await registry?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function mkdirIn(parent: string, name: string): Promise<string> {
  const dir = join(parent, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

describe("pnpm release against Verdaccio", () => {
  test("publishes the client at its package.json version", async () => {
    expect(releaseOutput).toContain(`${client.name}@${client.version}`);
    const response = await fetch(`${registry.url}${client.name.replace("/", "%2f")}`);
    expect(response.status).toBe(200);
    const packument = (await response.json()) as { versions: Record<string, Record<string, unknown>> };
    expect(Object.keys(packument.versions)).toEqual([client.version]);
  });

  test("publishes the mock at its package.json version", async () => {
    expect(releaseOutput).toContain(`${mock.name}@${mock.version}`);
    const response = await fetch(`${registry.url}${mock.name.replace("/", "%2f")}`);
    expect(response.status).toBe(200);
  });

  test("publishes the React package at its package.json version, its client dependency resolved", async () => {
    expect(releaseOutput).toContain(`${react.name}@${react.version}`);
    const installed = JSON.parse(await readFile(join(consumerDir, "node_modules", react.name, "package.json"), "utf8"));
    expect(installed.dependencies[client.name]).toBe(`^${client.version}`);
  });

  // The mock also ships bin/, the committed launcher of `planky-mock` (it exists before dist/ is built, so linking
  // the bin on a fresh install prints no warning).
  test.each([
    ["client", client.name, ["README.md", "dist", "package.json"]],
    ["mock", mock.name, ["README.md", "bin", "dist", "package.json"]],
    ["React package", react.name, ["README.md", "dist", "package.json"]],
  ])("the published %s manifest has no workspace: protocol and ships only %j", async (_label, name, files) => {
    const installed = join(consumerDir, "node_modules", name);
    const manifest = await readFile(join(installed, "package.json"), "utf8");
    expect(manifest).not.toContain("workspace:");
    expect((await readdir(installed)).sort()).toEqual(files);
  });

  test("ships the exact spec it was generated from as @planky-kit/client/openapi.yaml", async () => {
    const shipped = join(consumerDir, "node_modules", client.name, "dist", "openapi.yaml");
    expect(await readFile(shipped, "utf8")).toBe(await readFile(specPath, "utf8"));
  });
});

describe("a fresh npm project using the installed package", () => {
  test.each([
    ["bundler", "tsconfig.bundler.json"],
    ["node16 (ESM .mts and CJS .cts)", "tsconfig.node16.json"],
    ["node16, with @types/node and no DOM lib (a backend project)", "tsconfig.node-types.json"],
  ])("type-checks a TypeScript consumer with moduleResolution %s", async (_label, tsconfig) => {
    // Throws (failing the test) with tsc's diagnostics on any type error, including an unused @ts-expect-error.
    await run(process.execPath, [tscBin, "-p", tsconfig], { cwd: consumerDir });
  });

  for (const format of ["esm.mjs", "cjs.cjs"]) {
    test(`${format} calls the Prism mock on Node 20, 22 and 24`, async () => {
      expect(nodes.map((n) => n.label.split(".")[0])).toEqual(["v20", "v22", "v24"]);
      for (const node of nodes) {
        const { output } = await run(node.bin, [format], {
          cwd: consumerDir,
          env: { ...process.env, PLANKY_BASE_URL: prism.url },
        });
        const result = JSON.parse(output.trim().split("\n").at(-1) ?? "");
        expect(result.node).toBe(node.label);
        expect(result.customer).toEqual(example("CreateCustomerResponse"));
        expect(result.invitation).toEqual(example("IndividualInvitation"));
        expect(result.error).toEqual({
          name: "NotFoundError",
          status: 404,
          isNotFoundError: true,
          isPlankyError: true,
        });
        if (format === "cjs.cjs")
          expect(result.specPath).toBe(join(consumerDir, "node_modules", client.name, "dist", "openapi.yaml"));
      }
    });
  }
});

describe("@planky-kit/mock, installed next to the client", () => {
  test("its MSW handlers answer the published client in msw/node on Node 20, 22 and 24", async () => {
    for (const node of nodes) {
      const { output } = await run(node.bin, ["msw.mjs"], { cwd: consumerDir });
      const result = JSON.parse(output.trim().split("\n").at(-1) ?? "");
      expect(result.node).toBe(node.label);
      expect(result.customer).toEqual(example("CreateCustomerResponse"));
      expect(result.rateLimited).toBe(true);
      expect(result.webhook).toEqual(example("ReportAvailableWebhook"));
    }
  });

  test("its sandbox starts from CommonJS (require) and refuses an invitation for an unknown reference", async () => {
    const { output } = await run(process.execPath, ["sandbox.cjs"], { cwd: consumerDir });
    const result = JSON.parse(output.trim().split("\n").at(-1) ?? "");
    expect(result).toEqual({ customer: { id: expect.any(String), user_reference: "user-7" }, wrongReference: true });
  });

  test("`npx @planky-kit/mock serve --port N` starts the sandbox, whose control API and Prism layer answer", async () => {
    const port = await freePort();
    const npx = spawn("npx", ["--no-install", mock.name, "serve", "--port", String(port)], {
      cwd: consumerDir,
      env: isolatedEnv(join(tmp, "consumer.npmrc")),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // npx runs the bin as a child: stop the whole group
    });
    let output = "";
    try {
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk;
          if (output.includes(`Planky sandbox (stateful, checked by Prism): http://127.0.0.1:${port}`)) resolve();
        };
        npx.stdout.on("data", onData);
        npx.stderr.on("data", onData);
        npx.once("exit", (code) => reject(new Error(`planky-mock exited (${code}):\n${output}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const token = await fetch(`${base}/oauth/v2/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: "a", client_secret: "b", grant_type: "client_credentials" }),
      });
      expect(token.status).toBe(200);
      // Outside the spec: Prism's own 404 proves the request went through the Prism layer.
      const unknown = await fetch(`${base}/public/v3/not-in-the-spec`);
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain("NO_PATH_MATCHED_ERROR");
      const reset = await fetch(`${base}/_sandbox/reset`, { method: "POST" });
      expect(await reset.json()).toEqual({ reset: true });
    } finally {
      if (npx.pid && npx.exitCode === null) {
        process.kill(-npx.pid, "SIGTERM");
        await once(npx, "exit");
      }
    }
  });
});

describe("@planky-kit/react, installed with React 19", () => {
  test("imports (ESM and CJS) and renders its hooks on the server on Node 20, 22 and 24", async () => {
    for (const node of nodes) {
      const { output } = await run(node.bin, ["react.mjs"], { cwd: consumerDir });
      const result = JSON.parse(output.trim().split("\n").at(-1) ?? "");
      expect(result).toEqual({
        node: node.label,
        html: "<p>banks loading true; starting false; return pending true</p>",
        sameInCjs: true,
        windowDefined: false,
      });
    }
  });
});
