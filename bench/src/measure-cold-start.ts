/**
 * Cold start: time to import a peer module and create its client in a fresh Node process. Each peer is first
 * compiled by esbuild to one ESM file with its npm packages left as imports (so Node loads them from
 * node_modules, as in a user's app) and local code (generated clients, our client's source if it has no dist)
 * bundled in. Runs alternate between peers; the median per peer is reported.
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { buildDir, peersDir } from "./paths";
import { CLIENTS as PEERS } from "./peers/index";
import { envInt, median, quantile } from "./stats";

export interface ColdStartRow {
  peer: string;
  /** Median ms from `import()` start to a created client, inside the fresh process. */
  importMs: number;
  importP90Ms: number;
  /** Median ms from spawning `node` to its exit (includes Node's own ~boot time). */
  processMs: number;
  importOverFetchMs: number;
}

/** Leave npm packages as imports, except a workspace package whose entry is TypeScript (Node 20 cannot load it). */
function externalPackages(bundleClient: boolean): Plugin {
  return {
    name: "external-packages",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        bundleClient && args.path === "@planky-kit/client" ? undefined : { path: args.path, external: true },
      );
    },
  };
}

// Node loads its fetch implementation lazily on first use of these globals (tens of ms). Touching them before
// the clock starts charges that to no client: every fetch-based client pays it on its first request anyway.
const PROBE = `
void [globalThis.fetch, globalThis.Request, globalThis.Response, globalThis.Headers];
const started = performance.now();
const { createPeer } = await import(process.argv[1]);
createPeer({ baseUrl: "http://127.0.0.1:9" });
process.stdout.write(String(performance.now() - started));
`;

function runOnce(file: string): Promise<{ importMs: number; processMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", PROBE, file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`cold start of ${file} exited with ${code}`));
      resolve({ importMs: Number(out), processMs: performance.now() - started });
    });
  });
}

export async function measureColdStart(clientEntryIsTypeScript: boolean): Promise<ColdStartRow[]> {
  const outDir = join(buildDir, "cold-start");
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "package.json"), '{ "type": "module" }\n');
  const files = new Map<string, string>();
  for (const info of PEERS) {
    const outfile = join(outDir, `${info.id}.mjs`);
    await build({
      entryPoints: [`${peersDir}${info.id}.ts`],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      outfile,
      logLevel: "silent",
      plugins: [externalPackages(clientEntryIsTypeScript)],
    });
    files.set(info.id, outfile);
  }
  const runs = envInt("BENCH_COLD_RUNS", 10);
  const samples = new Map<string, { importMs: number; processMs: number }[]>();
  for (let run = 0; run < runs; run++) {
    process.stderr.write(`  cold start run ${run + 1}/${runs}\n`);
    const order = [...PEERS.slice(run % PEERS.length), ...PEERS.slice(0, run % PEERS.length)];
    for (const info of order) {
      const list = samples.get(info.id) ?? [];
      list.push(await runOnce(files.get(info.id) as string));
      samples.set(info.id, list);
    }
  }
  const rows = PEERS.map((info) => {
    const list = samples.get(info.id) ?? [];
    const imports = list.map((s) => s.importMs);
    return {
      peer: info.id,
      importMs: median(imports),
      importP90Ms: quantile(imports, 0.9),
      processMs: median(list.map((s) => s.processMs)),
    };
  });
  const floor = rows.find((row) => row.peer === "fetch")?.importMs ?? 0;
  return rows.map((row) => ({ ...row, importOverFetchMs: row.importMs - floor }));
}
