/**
 * scripts/check-changesets.mjs in throwaway git repositories shaped like this one: it must fail on a spec/src
 * change without a changeset for the right package, pass with one, and pick the right base on main, on a
 * branch and in a fresh clone.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { run, runAllowingFailure } from "../support/run";

const repoScripts = fileURLToPath(new URL("../../../scripts/", import.meta.url));
let tmp: string;
let repo: string;

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
};
const git = (cwd: string, ...args: string[]) => run("git", args, { cwd, env: gitEnv });
const check = (cwd: string, env: Record<string, string> = {}) =>
  runAllowingFailure(process.execPath, [join(cwd, "scripts", "check-changesets.mjs")], {
    cwd,
    env: { ...gitEnv, CHANGESET_BASE: "", ...env },
  });
const write = async (cwd: string, path: string, text: string) => {
  await mkdir(join(cwd, path, ".."), { recursive: true });
  await writeFile(join(cwd, path), text);
};
const changeset = (pkg: string, bump = "minor") => `---\n"${pkg}": ${bump}\n---\n\nA change.\n`;
const commitAll = async (cwd: string, message: string) => {
  await git(cwd, "add", "-A");
  await git(cwd, "commit", "-q", "-m", message);
};

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "planky-changeset-check-"));
  repo = join(tmp, "repo");
  await mkdir(repo);
  await git(repo, "init", "-q", "-b", "main");
  await cp(join(repoScripts, "check-changesets.mjs"), join(repo, "scripts", "check-changesets.mjs"));
  await cp(join(repoScripts, "mark-release.mjs"), join(repo, "scripts", "mark-release.mjs"));
  await write(repo, "packages/client/package.json", '{ "name": "@planky-kit/client", "version": "0.1.0" }\n');
  await write(repo, "packages/client/src/index.ts", "export const a = 1;\n");
  await write(repo, "packages/client/test/a.test.ts", "// test\n");
  await write(repo, "spec/package.json", '{ "name": "@planky-kit/spec", "version": "0.1.0", "private": true }\n');
  await write(repo, "spec/openapi.yaml", "openapi: 3.1.0\n");
  await write(repo, ".changeset/README.md", "# Changesets\n");
  await write(repo, "README.md", "# repo\n");
  await commitAll(repo, "foundation");
  // Before any release marker exists, everything since the first commit would count: record the first release.
  await run(process.execPath, ["scripts/mark-release.mjs"], { cwd: repo });
  await commitAll(repo, "release 0.1.0");
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("on main, against the last release", () => {
  test("passes right after a release", async () => {
    const result = await check(repo);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/last release/);
  });

  test("a change outside spec/ and src/ (tests, README) needs no changeset", async () => {
    await write(repo, "packages/client/test/a.test.ts", "// more test\n");
    await write(repo, "README.md", "# repo, edited\n");
    await commitAll(repo, "docs and tests");
    expect((await check(repo)).code).toBe(0);
  });

  test("fails on a committed src change without a changeset, naming the package and the file", async () => {
    await write(repo, "packages/client/src/index.ts", "export const a = 2;\n");
    await commitAll(repo, "change src");
    const result = await check(repo);
    expect(result.code).toBe(1);
    expect(result.output).toContain("@planky-kit/client: changed packages/client/src/index.ts");
  });

  test("a changeset for another package does not cover it", async () => {
    await write(repo, ".changeset/other.md", changeset("@planky-kit/other"));
    expect((await check(repo)).code).toBe(1);
  });

  test("passes once a changeset names the package (even uncommitted)", async () => {
    await write(repo, ".changeset/client.md", changeset("@planky-kit/client"));
    expect((await check(repo)).code).toBe(0);
    await commitAll(repo, "changesets");
    expect((await check(repo)).code).toBe(0);
  });

  test("an uncommitted spec change counts too, and the existing client changeset covers it", async () => {
    await write(repo, "spec/openapi.yaml", "openapi: 3.1.0\ninfo: {}\n");
    expect((await check(repo)).code).toBe(0);
    await git(repo, "checkout", "--", "spec/openapi.yaml");
  });

  test("after `version-packages` consumes the changesets and records the release, main passes again", async () => {
    await rm(join(repo, ".changeset", "client.md"));
    await rm(join(repo, ".changeset", "other.md"));
    await write(repo, "packages/client/package.json", '{ "name": "@planky-kit/client", "version": "0.2.0" }\n');
    await run(process.execPath, ["scripts/mark-release.mjs"], { cwd: repo });
    await commitAll(repo, "release 0.2.0");
    const result = await check(repo);
    expect(result.code).toBe(0);
    expect(result.output).toContain("no changes to spec/ or packages/*/src");
  });

  test("a spec change after the release fails again; an empty changeset (`--empty`) is an explicit opt-out", async () => {
    await write(repo, "spec/openapi.yaml", "openapi: 3.1.0\n# comment\n");
    await commitAll(repo, "spec comment");
    const failed = await check(repo);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain("@planky-kit/client or @planky-kit/spec: changed spec/openapi.yaml");
    await write(repo, ".changeset/empty.md", "---\n---\n");
    expect((await check(repo)).code).toBe(0);
    await commitAll(repo, "empty changeset");
  });
});

describe("on a branch, against its merge base with main", () => {
  test("only the branch's own changes count, in the repo and in a fresh clone of the branch", async () => {
    // Main itself has a src change without a changeset; the branch must not be blamed for it.
    await write(repo, "packages/client/src/main-only.ts", "export const m = 1;\n");
    await commitAll(repo, "main: unreleased src change");
    await git(repo, "checkout", "-q", "-b", "feature");
    await write(repo, "README.md", "# feature\n");
    await commitAll(repo, "feature: docs only");
    expect((await check(repo)).output).toMatch(/merge base with main/);
    expect((await check(repo)).code).toBe(0);

    await write(repo, "packages/client/src/feature.ts", "export const f = 1;\n");
    await commitAll(repo, "feature: src change");
    const failed = await check(repo);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain("packages/client/src/feature.ts");
    expect(failed.output).not.toContain("main-only.ts");

    const clone = join(tmp, "clone");
    await git(tmp, "clone", "-q", "-b", "feature", repo, clone);
    const inClone = await check(clone);
    expect(inClone.code).toBe(1);
    expect(inClone.output).toMatch(/merge base with origin\/main/);

    await write(repo, ".changeset/feature.md", changeset("@planky-kit/client", "patch"));
    await commitAll(repo, "feature: changeset");
    expect((await check(repo)).code).toBe(0);
  });

  test("$CHANGESET_BASE overrides the choice, and an unknown base is an error, not a pass", async () => {
    await write(repo, "packages/client/src/late.ts", "export const l = 1;\n");
    await commitAll(repo, "feature: another src change");
    // Against the merge base the earlier feature changeset covers it; from HEAD~1 no changeset was added.
    expect((await check(repo)).code).toBe(0);
    const overridden = await check(repo, { CHANGESET_BASE: "HEAD~1" });
    expect(overridden.code).toBe(1);
    expect(overridden.output).toContain("$CHANGESET_BASE");
    expect((await check(repo, { CHANGESET_BASE: "no-such-ref" })).code).not.toBe(0);
  });
});
