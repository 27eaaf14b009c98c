// Makes the emitted declarations (dist/*.d.ts, dist/*.d.cts) independent of the consumer's `target` and `lib`, run
// by tsdown after each build. tsc's own defaults (target ES5, lib ES5 + DOM) otherwise report errors inside our
// files, which the consumer cannot fix:
// - `#private;`: tsc writes it for a class with `#fields` (TS18028 below ES2015). It only makes the class nominal;
//   the fields stay private at run time, so the declarations drop the line.
// - `AsyncIterable` (the `for await` of `invitations.list()`): lib es2018.asynciterable, which the file now
//   references itself, as `@types/node` does.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const ASYNC_ITERABLE_LIB = '/// <reference lib="es2018.asynciterable" />\n';

/** The declaration text made portable (see above); the same text when there is nothing to change. */
export function portableDeclarations(text) {
  let result = text.replace(/^[ \t]*#private;[ \t]*\r?\n/gm, "");
  if (/\bAsyncIterable\b/.test(result) && !result.startsWith(ASYNC_ITERABLE_LIB)) result = ASYNC_ITERABLE_LIB + result;
  return result;
}

/** Rewrites every declaration file in `dir`. */
export async function makeDeclarationsPortable(dir) {
  for (const name of await readdir(dir)) {
    if (!/\.d\.c?ts$/.test(name)) continue;
    const file = join(dir, name);
    const text = await readFile(file, "utf8");
    const portable = portableDeclarations(text);
    if (portable !== text) await writeFile(file, portable);
  }
}
