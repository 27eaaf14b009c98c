/** Headless Chromium from npm: `@sparticuz/chromium` ships the binary, `playwright-core` drives it. */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium as playwright } from "playwright-core";

/** The package finds and unpacks everything under `os.tmpdir()`, read at call time: run `task` with TMPDIR = `dir`. */
async function withTmpdir<T>(dir: string, task: () => Promise<T>): Promise<T> {
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await task();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

/**
 * The directory holding this version's unpacked Chromium, unpacking it on first use. The package unpacks into
 * `<tmpdir>/chromium` and trusts whatever it finds there, even half-written by another test file launching at the same
 * moment (turbo runs two test tasks at once): so it unpacks into a private directory that is then renamed into place
 * whole. A per-version name keeps another project's Chromium out of our way.
 */
async function unpackedChromium(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium"); // <package>/build/<format>/index.*
  const { version } = JSON.parse(readFileSync(resolve(entry, "../../../package.json"), "utf8")) as { version: string };
  const dir = join(tmpdir(), `sparticuz-chromium-${version}-unpacked`);
  if (existsSync(dir)) return dir;
  const staging = mkdtempSync(`${dir}.staging-`);
  const { default: chromium } = await import("@sparticuz/chromium");
  await withTmpdir(staging, () => chromium.executablePath());
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(dir)) throw error; // else another process renamed its copy into place first
  }
  return dir;
}

export async function launchChromium(): Promise<Browser> {
  const dir = await unpackedChromium();
  const { default: chromium } = await import("@sparticuz/chromium");
  return withTmpdir(dir, async () =>
    playwright.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true }),
  );
}
