/**
 * The root README promises only Node and npm: its shell blocks run as printed (pnpm through `npx --yes pnpm@…`), a
 * bare `pnpm <command>` appears only after the README says how to get that pnpm, and every pinned pnpm version is
 * the repository's own (`packageManager`).
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";

const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
const { packageManager } = JSON.parse(await readFile(new URL("../../../package.json", import.meta.url), "utf8"));
const pinned = String(packageManager).replace(/^pnpm@/, "");
/** In a shell block: `pnpm <command>` not preceded by `@`, `/`, `-` or a letter (so not `npx --yes pnpm@…`). */
const BARE_PNPM = /(?<![@/\w-])pnpm (?=[a-z-])/g;
/** In the prose: a command written `pnpm <command>`. */
const BARE_PNPM_COMMAND = /`pnpm [a-z-]/;

test("every shell block runs with only Node and npm: no bare pnpm", () => {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
  expect(blocks.length).toBeGreaterThan(0);
  for (const block of blocks) {
    const code = block
      .split("\n")
      .filter((line) => !line.trimStart().startsWith("#"))
      .join("\n");
    expect(code.match(BARE_PNPM), code).toBeNull();
  }
});

test("the README says how to get pnpm before its first bare `pnpm <command>`", () => {
  const howTo = readme.indexOf(`npm i -g pnpm@${pinned}`);
  expect(howTo, "the one-time install is stated").toBeGreaterThan(-1);
  expect(readme.indexOf(`npx --yes pnpm@${pinned} <command>`)).toBeGreaterThan(-1);
  const firstBare = readme.search(BARE_PNPM_COMMAND);
  expect(firstBare).toBeGreaterThan(howTo);
});

test("every pinned pnpm version is packageManager's", () => {
  const versions = new Set([...readme.matchAll(/pnpm@([\d.]+\d)/g)].map((match) => match[1]));
  expect([...versions]).toEqual([pinned]);
});

/** pnpm's own commands the README may name (`pnpm exec planky-mock`, `pnpm pack`, `pnpm --filter …`). */
const PNPM_BUILTINS = new Set(["exec", "pack", "install"]);
const { scripts } = JSON.parse(await readFile(new URL("../../../package.json", import.meta.url), "utf8"));

test("every `pnpm <command>` the README names is a root script (or pnpm's own command)", () => {
  const named = new Set([...readme.matchAll(/`pnpm ([a-z][\w:-]*)/g)].map((match) => match[1] as string));
  expect(named.size).toBeGreaterThan(5);
  expect([...named].filter((name) => !(name in scripts) && !PNPM_BUILTINS.has(name))).toEqual([]);
});

test("`pnpm bench` generates the bench's fixtures before running it (a fresh clone has no bench/generated/)", () => {
  const steps = String(scripts.bench)
    .split("&&")
    .map((step) => step.trim());
  const generate = steps.findIndex((step) => /--filter @planky-kit\/bench generate$/.test(step));
  expect(generate, scripts.bench).toBeGreaterThan(-1);
  expect(steps.findIndex((step) => /--filter @planky-kit\/bench bench$/.test(step))).toBeGreaterThan(generate);
});
