/**
 * `@planky-kit/mock/vitest-setup`: a vitest `globalSetup` that starts one sandbox for the whole run (all workers,
 * all test files) and provides its URL to the tests (`inject("plankySandboxUrl")`, or `plankySandbox()` from
 * `@planky-kit/mock/vitest`). With `PLANKY_SANDBOX_URL` set, it starts nothing and provides that URL instead (a
 * sandbox a CI job already runs). Stops the sandbox when the run ends.
 *
 *     // vitest.config.ts
 *     export default defineConfig({ test: { globalSetup: ["@planky-kit/mock/vitest-setup"] } });
 */
import { type RunningSandbox, startSandbox } from "./sandbox/start";
import { SANDBOX_URL_KEY } from "./vitest-keys";

/** What vitest passes to a global setup (its `TestProject`), as far as this setup uses it. */
export interface GlobalSetupProject {
  provide(key: typeof SANDBOX_URL_KEY, value: string): void;
}

let sandbox: RunningSandbox | undefined;

/** vitest calls this once before the run (named `setup`/`teardown` exports: vitest's global-setup contract). */
export async function setup(project: GlobalSetupProject): Promise<void> {
  const external = process.env.PLANKY_SANDBOX_URL;
  if (external) {
    project.provide(SANDBOX_URL_KEY, external);
    return;
  }
  sandbox = await startSandbox();
  project.provide(SANDBOX_URL_KEY, sandbox.url);
}

/** vitest calls this once after the run. */
export async function teardown(): Promise<void> {
  await sandbox?.stop();
  sandbox = undefined;
}
