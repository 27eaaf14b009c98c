/**
 * A front-end app as a consumer builds it from what npm would serve: `npm pack` of the built @planky-kit/client and
 * @planky-kit/react, unpacked into a fresh project under the system's temp directory (outside the workspace, so
 * nothing resolves to the workspace's sources), with React 18 (this package's, the peer range's older major) and
 * the client's openapi-fetch linked in. A page file is copied in and bundled there by esbuild, as an app's build would.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";

const run = promisify(execFile);
const here = fileURLToPath(new URL("..", import.meta.url));
const repo = join(here, "../..");

export interface PackedApp {
  /** Bundles `page/connect-bank/<file>` in the packed project, with the API's base URL defined at build time. */
  bundle(file: string, apiBaseUrl: string): Promise<string>;
  remove(): Promise<void>;
}

async function unpack(packageDir: string, into: string, tmp: string): Promise<void> {
  const { stdout } = await run("npm", ["pack", "--pack-destination", tmp, "--ignore-scripts", "--silent"], {
    cwd: packageDir,
  });
  const tarball = join(tmp, basename(stdout.trim().split("\n").at(-1) ?? ""));
  await mkdir(into, { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", into, "--strip-components=1"]);
}

export async function packedApp(): Promise<PackedApp> {
  const tmp = await mkdtemp(join(tmpdir(), "planky-connect-bank-app-"));
  const modules = join(tmp, "node_modules");
  await unpack(join(repo, "packages/client"), join(modules, "@planky-kit/client"), tmp);
  await unpack(join(repo, "packages/react"), join(modules, "@planky-kit/react"), tmp);
  const links: [string, string][] = [
    ["react", join(here, "node_modules/react")],
    ["react-dom", join(here, "node_modules/react-dom")],
    ["openapi-fetch", join(repo, "packages/client/node_modules/openapi-fetch")],
  ];
  for (const [name, from] of links) await symlink(await realpath(from), join(modules, name), "dir");
  await mkdir(join(tmp, "src"));
  return {
    async bundle(file, apiBaseUrl) {
      const entry = join(tmp, "src", file);
      await copyFile(join(here, "page/connect-bank", file), entry);
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        jsx: "automatic",
        define: { PLANKY_BASE_URL: JSON.stringify(apiBaseUrl), "process.env.NODE_ENV": '"production"' },
        write: false,
        logLevel: "silent",
      });
      const code = result.outputFiles[0]?.text;
      if (!code) throw new Error(`esbuild produced no bundle for ${file}`);
      return code;
    },
    remove: () => rm(tmp, { recursive: true, force: true }),
  };
}
