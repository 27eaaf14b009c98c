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
