/** Runs `scripts/start.mjs` (what `pnpm start` runs after the build) on free ports, and stops it again. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { freePort } from "../../../mock/src/prism-launcher.mjs";

const startScript = fileURLToPath(new URL("../../../../scripts/start.mjs", import.meta.url));

export interface MainJob {
  docsUrl: string;
  mockUrl: string;
  stop: () => Promise<void>;
}

export async function startMainJob(): Promise<MainJob> {
  const [mockPort, docsPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [startScript], {
    env: { ...process.env, MOCK_PORT: String(mockPort), DOCS_PORT: String(docsPort) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const urls = await new Promise<{ docsUrl: string; mockUrl: string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const mock = /Planky API mock \(Prism\): (\S+)/.exec(output);
      const docs = /Planky API docs \(Redoc\): +(\S+)/.exec(output);
      if (mock?.[1] && docs?.[1]) resolve({ mockUrl: mock[1], docsUrl: docs[1] });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`scripts/start.mjs exited (${code}) before serving:\n${output}`)));
  });
  return {
    ...urls,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
