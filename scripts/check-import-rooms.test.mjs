// `node --test scripts/check-import-rooms.test.mjs`: a room importing upward, a room importing the folder's top-level
// files and a file in an undeclared room each fail, naming the files; imports downward, within a room, from the top
// level and from outside the folder pass.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importGraph } from "./check-import-cycles.mjs";
import { upwardImports } from "./check-import-rooms.mjs";

const LAYERS = [{ folder: "src/box", rooms: ["low", "mid", "high"] }];
const check = (files) =>
  upwardImports(
    importGraph(Object.keys(files), "/nowhere", (file) => files[file]),
    LAYERS,
  );

test("downward, same-room, top-level and outside imports pass", () => {
  assert.deepEqual(
    check({
      "src/box/start.ts": 'import "./high/a";\nimport "./low/c";',
      "src/box/high/a.ts": 'import "../mid/b";\nimport "./a2";\nimport "../../other";',
      "src/box/high/a2.ts": 'import type { C } from "../low/c";',
      "src/box/mid/b.ts": 'import "../low/c";',
      "src/box/low/c.ts": "export type C = 1;",
      "src/other.ts": 'import "./box/high/a";',
    }),
    [],
  );
});

test("a room importing a room above it fails, naming both files", () => {
  const problems = check({
    "src/box/low/c.ts": 'import type { B } from "../mid/b";',
    "src/box/mid/b.ts": "export type B = 1;",
  });
  assert.equal(problems.length, 1);
  assert.equal(problems[0].from, "src/box/low/c.ts");
  assert.equal(problems[0].to, "src/box/mid/b.ts");
  assert.match(
    problems[0].message,
    /src\/box\/low\/c\.ts imports src\/box\/mid\/b\.ts \(low\/ may import only nothing/,
  );
});

test("a room importing the folder's top-level files fails", () => {
  const problems = check({
    "src/box/start.ts": "export const x = 1;",
    "src/box/mid/b.ts": 'import { x } from "../start";',
  });
  assert.deepEqual(
    problems.map((p) => p.message),
    ["src/box/mid/b.ts imports src/box/start.ts (mid/ may import only low below it)"],
  );
});

test("a file in a room nobody declared fails", () => {
  const problems = check({ "src/box/attic/d.ts": 'import "../low/c";', "src/box/low/c.ts": "" });
  assert.deepEqual(
    problems.map((p) => p.message),
    ['src/box/attic/d.ts is in "attic/", which is not a declared room'],
  );
});
