// `node --test scripts/check-repository-field.test.mjs`: the release's guard accepts a package.json that names the
// repository the release runs in (in any of npm's spellings) and rejects one that is missing or names another.
import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeRepositoryUrl, repositoryProblems } from "./check-repository-field.mjs";

const HERE = "https://github.com/acme/planky-kit";

test("npm's spellings of one GitHub repository compare equal", () => {
  for (const url of [
    "git+https://github.com/Acme/planky-kit.git",
    "github:acme/planky-kit",
    "https://github.com/acme/planky-kit/",
    "git+ssh://git@github.com/acme/planky-kit.git",
  ]) {
    assert.equal(normalizeRepositoryUrl(url), "github.com/acme/planky-kit", url);
  }
});

test("a package that names this repository and its own directory passes", () => {
  const manifest = {
    name: "@planky-kit/client",
    repository: { type: "git", url: "git+https://github.com/acme/planky-kit.git", directory: "packages/client" },
  };
  assert.deepEqual(repositoryProblems(manifest, "packages/client", HERE), []);
});

test("a missing field fails and says what to set", () => {
  const [problem] = repositoryProblems({ name: "@planky-kit/mock" }, "packages/mock", HERE);
  assert.match(
    problem ?? "",
    /@planky-kit\/mock: no "repository" field; set .*git\+https:\/\/github\.com\/acme\/planky-kit\.git.*packages\/mock/,
  );
});

test("another organisation's repository fails, naming both", () => {
  const manifest = { name: "@planky-kit/client", repository: "git+https://github.com/FriendlyScore/planky-kit.git" };
  const [problem] = repositoryProblems(manifest, "packages/client", HERE);
  assert.match(
    problem ?? "",
    /names git\+https:\/\/github\.com\/FriendlyScore\/planky-kit\.git, but this release runs in https:\/\/github\.com\/acme\/planky-kit/,
  );
});

test("a wrong directory fails", () => {
  const manifest = { name: "@planky-kit/client", repository: { url: `git+${HERE}.git`, directory: "packages/mock" } };
  assert.equal(repositoryProblems(manifest, "packages/client", HERE).length, 1);
});
