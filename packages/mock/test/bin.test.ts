/**
 * The `planky-mock` command's file exists before anything is built: pnpm links a workspace package's commands at
 * install time and warns "Failed to create bin … planky-mock" (4 times on a fresh install of this repository) when
 * the target is a build output. (tests/release runs the published shim: `npx @planky-kit/mock serve`.)
 */
import { execFile } from "node:child_process";
import { access, constants, readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const packageDir = new URL("../", import.meta.url);
const manifest = JSON.parse(await readFile(new URL("package.json", packageDir), "utf8"));
const bins = Object.entries(manifest.bin as Record<string, string>);

test.each(bins)(
  "%s points at a committed, executable file outside dist/, shipped in `files`",
  async (_name, target) => {
    expect(target).not.toMatch(/^(\.\/)?dist\//);
    const file = new URL(target, packageDir);
    await access(file, constants.X_OK);
    expect(await readFile(file, "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
    const { stdout } = await promisify(execFile)("git", ["ls-files", "--error-unmatch", target], {
      cwd: packageDir,
    }).catch(() => ({ stdout: "" }));
    expect(stdout.trim(), `${target} is committed`).toBe(target.replace(/^\.\//, ""));
    expect(manifest.files).toContain(target.replace(/^\.\//, "").split("/")[0]);
  },
);
