/** Headless Chromium from npm: `@sparticuz/chromium` ships the binary, `playwright-core` drives it. */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium as playwright } from "playwright-core";

export async function launchChromium(): Promise<Browser> {
  // The package unpacks into `<tmpdir>/chromium` and reuses whatever it finds there, whichever version put it there:
  // a per-version temp dir keeps another project's Chromium out of our way.
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium"); // <package>/build/<format>/index.*
  const { version } = JSON.parse(readFileSync(resolve(entry, "../../../package.json"), "utf8")) as { version: string };
  const ownTmp = join(tmpdir(), `sparticuz-chromium-${version}`);
  mkdirSync(ownTmp, { recursive: true });
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = ownTmp;
  try {
    const { default: chromium } = await import("@sparticuz/chromium");
    return await playwright.launch({
      executablePath: await chromium.executablePath(),
      args: chromium.args,
      headless: true,
    });
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}
