/**
 * Prism on the spec bundled into this package, through the repo's one Prism launcher (`../prism-launcher.mjs`,
 * inlined into this package's dist at build time): `mock` answers the spec's examples, `proxy` forwards to an
 * upstream and checks every request and every answer against the spec. Prism is tied to this process' life: it
 * exits, and removes its temp folder, even when this process is killed.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spec } from "../../generated/spec";
import { freePort, startPrism as launchPrism } from "../../prism-launcher.mjs";

export { freePort };

export interface PrismProcess {
  url: string;
  /** Prism's process id (for tests that kill it). */
  pid: number | undefined;
  /** Resolves when Prism exits, whoever ended it, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export type PrismMode = { mode: "mock" } | { mode: "proxy"; upstream: string };

export async function startPrism(
  how: PrismMode,
  { host = "127.0.0.1", port, log }: { host?: string; port?: number; log?: (line: string) => void } = {},
): Promise<PrismProcess> {
  // Prism reads a file: the bundled spec (JSON is YAML), in a temp folder removed on stop (or by Prism's exit).
  const dir = await mkdtemp(join(tmpdir(), "planky-mock-"));
  const specFile = join(dir, "openapi.json");
  const removeDir = () => rm(dir, { recursive: true, force: true });
  try {
    await writeFile(specFile, JSON.stringify(spec));
    const prism = await launchPrism({ ...how, spec: specFile, host, port, log, removeOnExit: [dir] });
    return {
      url: prism.url,
      pid: prism.pid,
      exited: prism.exited,
      stop: async () => {
        await prism.stop();
        await removeDir();
      },
    };
  } catch (error) {
    await removeDir();
    throw error;
  }
}
