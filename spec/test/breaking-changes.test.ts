/**
 * The breaking-change gate against small spec pairs: each revision is the fixture "release" with one edit, so a
 * test names exactly one kind of change and what the gate must say about it.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkBreakingChanges, diffSpecs, releasePolicy, type SpecDiff } from "../tools/breaking-changes.mjs";

const basePath = new URL("./fixtures/base.yaml", import.meta.url).pathname;
let base: string;
let work: string;

beforeAll(async () => {
  base = await readFile(basePath, "utf8");
  work = await mkdtemp(join(tmpdir(), "breaking-changes-test-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** Writes the base spec with `from` replaced by `to`; throws if `from` is not in it, so no edit is a silent no-op. */
async function revision(name: string, from: string, to: string): Promise<string> {
  if (!base.includes(from)) throw new Error(`fixture edit "${name}": ${JSON.stringify(from)} is not in base.yaml`);
  const path = join(work, `${name}.yaml`);
  await writeFile(path, base.replace(from, to));
  return path;
}

// The four changes issue #7 names, plus the other ways a client breaks. Each with the rule that must fire.
const breaking: [name: string, from: string, to: string, rule: string][] = [
  ["removed response field", "        created_at:\n          type: integer\n", "", "property-removed"],
  [
    "new required request field",
    "      required: [name]\n",
    "      required: [name, count]\n",
    "required-properties-added",
  ],
  ["narrowed request enum", "enum: [small, large]", "enum: [small]", "enum-values-removed"],
  [
    "changed request field type",
    "        count:\n          type: integer",
    "        count:\n          type: string",
    "schema-type-changed",
  ],
  [
    "changed response field type",
    "        created_at:\n          type: integer",
    "        created_at:\n          type: string",
    "schema-type-changed",
  ],
  [
    "response field no longer required",
    "      required: [id, name, created_at]",
    "      required: [id, name]",
    "required-properties-removed",
  ],
  ["new value in an enum used by responses", "enum: [red, blue]", "enum: [red, blue, green]", "enum-values-added"],
  ["removed operation", "  /things/{thing_id}:\n    get:", "  /things/{thing_id}:\n    delete:", "operation-removed"],
  ["removed path", "  /things/{thing_id}:", "  /items/{thing_id}:", "path-removed"],
  [
    "removed response status",
    "        '201':\n          description: The created thing (same body).",
    "        '299':\n          description: x",
    "response-removed",
  ],
];

// Changes a client built against the base keeps working with.
const compatible: [name: string, from: string, to: string][] = [
  [
    "added optional request field",
    "        note:\n          type: string\n",
    "        note:\n          type: string\n        tag:\n          type: string\n",
  ],
  [
    "added response field",
    "        created_at:\n          type: integer\n",
    "        created_at:\n          type: integer\n        updated_at:\n          type: integer\n",
  ],
  ["request field no longer required", "      required: [name]\n", "      required: []\n"],
  ["new value in a request-only enum", "enum: [small, large]", "enum: [small, large, huge]"],
  ["removed value from a response-only enum", "enum: [active, archived]", "enum: [active]"],
  [
    "new operation",
    "  /things/{thing_id}:\n",
    "  /things/{thing_id}:\n    delete:\n      operationId: deleteThing\n      responses:\n        '204':\n          description: Deleted.\n",
  ],
  [
    "new paginated list operation",
    "  /things:\n",
    "  /things:\n    get:\n      operationId: listThings\n      parameters:\n        - name: page\n          in: query\n          schema:\n            type: integer\n            minimum: 1\n      responses:\n        '200':\n          description: A page of things.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  data:\n                    type: array\n                    items:\n                      $ref: '#/components/schemas/Thing'\n",
  ],
  [
    "new webhook",
    "components:\n",
    "webhooks:\n  thingCreated:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Thing'\n      responses:\n        '200':\n          description: Acknowledged.\ncomponents:\n",
  ],
  ["new description", "          description: One thing.", "          description: One thing, by id."],
];

describe("redocly diff rates changes by what they do to a client", () => {
  test.concurrent.each(breaking)("%s is breaking", async (name, from, to, rule) => {
    const { breaking: found } = await diffSpecs(basePath, await revision(name, from, to));
    expect(found.map((change) => change.rule)).toContain(rule);
  });

  test.concurrent.each(compatible)("%s is not breaking", async (name, from, to) => {
    const { changes, breaking: found } = await diffSpecs(basePath, await revision(name, from, to));
    expect(changes.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });

  test("an unreadable revision is an error, not a pass", async () => {
    await expect(diffSpecs(basePath, join(work, "missing.yaml"))).rejects.toThrow(/redocly diff could not compare/);
  });
});

describe("the gate: breaking changes need a major changeset for the packages built from the spec", () => {
  let narrowed: string;
  let narrowedDiff: SpecDiff;
  let addedDiff: SpecDiff;
  beforeAll(async () => {
    narrowed = await revision("gate-narrowed", "enum: [small, large]", "enum: [small]");
    narrowedDiff = await diffSpecs(basePath, narrowed);
    const added = "        note:\n          type: string\n        tag:\n          type: string\n";
    addedDiff = await diffSpecs(
      basePath,
      await revision("gate-added", "        note:\n          type: string\n", added),
    );
  });

  /** A repo root whose `.changeset/` holds exactly these files (plus the README changesets always keeps). */
  async function repoWith(name: string, changesets: Record<string, string>): Promise<string> {
    const root = join(work, `repo-${name}`);
    await mkdir(join(root, ".changeset"), { recursive: true });
    await writeFile(join(root, ".changeset", "README.md"), "# Changesets\n");
    for (const [file, frontmatter] of Object.entries(changesets)) {
      await writeFile(join(root, ".changeset", file), `---\n${frontmatter}\n---\n\nSome change.\n`);
    }
    return root;
  }

  test("fails without a changeset and lists the breaking change and the package", async () => {
    const repoRoot = await repoWith("none", {});
    const result = await checkBreakingChanges({ baseline: basePath, spec: narrowed, repoRoot });
    expect(result.ok).toBe(false);
    expect(result.missingMajor).toEqual(["@planky-kit/client", "@planky-kit/mock"]);
    expect(result.report).toContain("Enum of `kind` lost values: 'large'");
    expect(result.report).toContain('"@planky-kit/client": major\n"@planky-kit/mock": major');
  });

  test("fails when the changeset is only minor", async () => {
    const repoRoot = await repoWith("minor", { "narrow.md": '"@planky-kit/client": minor' });
    expect((await releasePolicy(narrowedDiff, { repoRoot })).ok).toBe(false);
  });

  test("fails when the major changeset is for another package", async () => {
    const repoRoot = await repoWith("other", { "narrow.md": '"@planky-kit/spec": major' });
    const result = await releasePolicy(narrowedDiff, { repoRoot });
    expect(result.ok).toBe(false);
    expect(result.missingMajor).toEqual(["@planky-kit/client", "@planky-kit/mock"]);
  });

  test("passes with a major changeset for the client and the mock, and says which file declared it", async () => {
    const repoRoot = await repoWith("major", {
      "docs.md": '"@planky-kit/client": patch',
      "narrow-kind.md": '"@planky-kit/client": major\n"@planky-kit/mock": major\n"@planky-kit/spec": major',
    });
    const result = await releasePolicy(narrowedDiff, { repoRoot });
    expect(result.ok).toBe(true);
    expect(result.declaredBy).toEqual(["narrow-kind"]);
    expect(result.report).toContain(".changeset/narrow-kind.md");
  });

  test("every listed package needs its own major", async () => {
    const repoRoot = await repoWith("partial", { "narrow.md": '"@planky-kit/client": major' });
    const result = await releasePolicy(narrowedDiff, { repoRoot });
    expect(result.ok).toBe(false);
    expect(result.missingMajor).toEqual(["@planky-kit/mock"]);
  });

  test("passes additive changes without any changeset", async () => {
    const result = await releasePolicy(addedDiff, { repoRoot: await repoWith("additive", {}) });
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/^No breaking spec changes: 0 breaking, 1 additive/);
  });
});
