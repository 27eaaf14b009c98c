/**
 * Generates the peers that are generated from our spec (hey-api, orval) and the shared fixtures (the spec's
 * examples), into bench/generated/ (git-ignored). Every bench run and typecheck regenerates them, so they can
 * never be stale.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { createClient } from "@hey-api/openapi-ts";
import { generate } from "orval";
import { parse } from "yaml";
import { benchDir, generatedDir, peersDir, specPath } from "./paths";

/** The spec examples the server answers with and the clients send. */
const EXAMPLES = {
  invitationRequest: "IndividualInvitationRequest",
  invitation: "IndividualInvitation",
  consentStatus: "AwaitingAuthorisationFromDocs",
} as const;

export async function generatePeers(): Promise<void> {
  await rm(generatedDir, { recursive: true, force: true });
  await mkdir(generatedDir, { recursive: true });
  await writeExamples();
  await createClient({
    input: specPath,
    output: { path: join(generatedDir, "hey-api") },
    logs: { level: "silent" },
    plugins: ["@hey-api/client-fetch", "@hey-api/sdk", "@hey-api/typescript"],
  });
  // orval's fetch client calls a relative URL; its documented way to add a base URL is a custom fetch (mutator).
  const cwd = process.cwd();
  process.chdir(benchDir); // orval resolves the mutator path against the working directory
  try {
    await generate({
      input: { target: specPath },
      output: {
        target: relative(benchDir, join(generatedDir, "orval/api.ts")),
        client: "fetch",
        mode: "single",
        override: { mutator: { path: relative(benchDir, join(peersDir, "orval-fetch.ts")), name: "orvalFetch" } },
      },
    });
  } finally {
    process.chdir(cwd);
  }
}

async function writeExamples(): Promise<void> {
  const spec = parse(await readFile(specPath, "utf8")) as {
    components: { examples: Record<string, { value: unknown }> };
  };
  const picked = Object.fromEntries(
    Object.entries(EXAMPLES).map(([key, name]) => {
      const example = spec.components.examples[name];
      if (!example) throw new Error(`spec/openapi.yaml has no components.examples.${name}`);
      return [key, example.value];
    }),
  );
  await writeFile(join(generatedDir, "examples.json"), `${JSON.stringify(picked, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await generatePeers();
