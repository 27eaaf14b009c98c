/**
 * The client's published types in a consumer project, without a registry: `npm pack` of the built client, unpacked
 * into a fresh directory's node_modules (openapi-fetch, its one dependency, linked next to it), then `tsc` with
 * tsc's defaults plus `--strict` (target ES5, module CommonJS) and with each common module setting (node16,
 * nodenext, bundler, CommonJS), on TypeScript 5.0 (the oldest we support) and the current 5.x. `skipLibCheck` is
 * off throughout, so an error inside our own `.d.ts`/`.d.cts` fails the test.
 */
import { copyFile, cp, mkdir, mkdtemp, readdir, realpath, rm, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { run } from "../support/run";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/types/", import.meta.url));
const clientDir = join(repoRoot, "packages/client");
const require = createRequire(import.meta.url);
// openapi-fetch 0.17's own declarations (and openapi-typescript-helpers') report TS2344 before TypeScript 5.4,
// where a consumer needs `skipLibCheck` (tsc --init's default): on 5.0 only those files may have errors.
const THIRD_PARTY = /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?openapi-(fetch|typescript-helpers)\//;
const compilers = [
  {
    label: "TypeScript 5.0",
    tsc: require.resolve("typescript-5.0/bin/tsc"),
    version: /^Version 5\.0\./,
    tolerated: THIRD_PARTY,
  },
  {
    label: "TypeScript 5.x (current)",
    tsc: require.resolve("typescript/bin/tsc"),
    version: /^Version 5\.\d+\./,
    tolerated: undefined,
  },
];

/** tsc's diagnostics (one entry per `error TS…` line), minus those in files `tolerated` matches. */
async function typeErrors(tsc: string, args: string[], tolerated: RegExp | undefined): Promise<string[]> {
  const { output } = await run(process.execPath, [tsc, ...args], { cwd: consumerDir }).catch(
    (error: { output?: string }) => ({ output: error.output ?? String(error) }),
  );
  const errors = output.split("\n").filter((line) => /error TS\d+/.test(line));
  // A failure that printed no diagnostic (a crash, a bad option) must not pass as "no errors".
  if (errors.length === 0 && output.trim() !== "") return [output.trim()];
  return errors.filter((line) => !tolerated?.test(line));
}

let consumerDir: string;

beforeAll(async () => {
  const tmp = await mkdtemp(join(tmpdir(), "planky-consumer-types-"));
  consumerDir = join(tmp, "consumer");
  // `npm pack` reads the manifest's `files`, exactly what a registry would serve (the client has no workspace: deps).
  await run("npm", ["pack", "--pack-destination", tmp, "--ignore-scripts"], { cwd: clientDir });
  const tarball = (await readdir(tmp)).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${tmp}`);
  const installed = join(consumerDir, "node_modules", "@planky-kit", "client");
  await mkdir(installed, { recursive: true });
  await run("tar", ["xzf", join(tmp, tarball), "-C", installed, "--strip-components=1"], { cwd: tmp });
  // The real directory of openapi-fetch: its own dependencies are its siblings in pnpm's store.
  await symlink(
    await realpath(join(clientDir, "node_modules", "openapi-fetch")),
    join(consumerDir, "node_modules", "openapi-fetch"),
  );
  await cp(fixtures, consumerDir, { recursive: true });
  await copyFile(join(fixtures, "typed.ts"), join(consumerDir, "typed.mts"));
  await copyFile(join(fixtures, "typed.ts"), join(consumerDir, "typed.cts"));
  return () => rm(tmp, { recursive: true, force: true });
});

describe.each(compilers)("$label", ({ tsc, version, tolerated }) => {
  test("is the version this test means", async () => {
    const { output } = await run(process.execPath, [tsc, "--version"], { cwd: consumerDir });
    expect(output.trim()).toMatch(version);
  });

  test("tsc's defaults plus --strict (target ES5, lib ES5 + DOM, module CommonJS): no error", async () => {
    // Files on the command line: tsc uses its defaults, not a tsconfig.
    expect(await typeErrors(tsc, ["--noEmit", "--strict", "defaults.ts"], tolerated)).toEqual([]);
  });

  test.each(["node16", "nodenext", "bundler", "commonjs"])("module setting %s: no error", async (setting) => {
    expect(await typeErrors(tsc, ["-p", `tsconfig.${setting}.json`], tolerated)).toEqual([]);
  });
});
