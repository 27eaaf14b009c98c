// Fails when a file in a "room" (a sub-folder of a layered folder) imports a file in a room above its own, naming
// both files. A layered folder lists its rooms bottom to top; a room may import its own files and the rooms below
// it, never one above; the folder's own top-level files (the ones that assemble the rooms) may import any room, and
// no room may import them. Without this, the rooms are only folder names: an upward import quietly turns two
// layers into one (and is usually the first edge of the next import cycle, which scripts/check-import-cycles.mjs
// catches only once it closes).
//
// Scanned as scripts/check-import-cycles.mjs scans (packages/*/src, bench/src, scripts, spec; every import,
// `import type` included). Imports that leave the layered folder are not judged here.
import { pathToFileURL } from "node:url";
import { importGraph, sourceFiles } from "./check-import-cycles.mjs";

/** Layered folders, each with its rooms bottom to top (see the folder's README.md for what each room does). */
export const LAYERED = [
  {
    folder: "packages/mock/src/sandbox",
    rooms: ["http", "state", "world", "api", "control", "prism", "front"],
  },
];

/**
 * Where a file sits in a layered folder: its rank (0 = bottom room; the folder's own files rank above every room)
 * and the room's name, or undefined when it is not inside the folder.
 */
export function placeOf(file, { folder, rooms }) {
  if (!file.startsWith(`${folder}/`)) return undefined;
  const rest = file.slice(folder.length + 1).split("/");
  if (rest.length === 1) return { rank: rooms.length, room: "(top)" };
  const rank = rooms.indexOf(rest[0]);
  // A sub-folder nobody declared is an error of its own: its files have no place in the order.
  return rank === -1 ? { rank: Number.NaN, room: rest[0] } : { rank, room: rest[0] };
}

/**
 * Every import that goes up (or into an undeclared room) in the given graph.
 * @returns {{ from: string, to: string, message: string }[]}
 */
export function upwardImports(graph, layered = LAYERED) {
  const found = [];
  for (const layers of layered) {
    for (const [from, targets] of graph) {
      const here = placeOf(from, layers);
      if (!here) continue;
      if (Number.isNaN(here.rank)) {
        found.push({ from, to: from, message: `${from} is in "${here.room}/", which is not a declared room` });
        continue;
      }
      for (const to of targets) {
        const there = placeOf(to, layers);
        if (!there || there.room === here.room || there.rank < here.rank) continue;
        const why = Number.isNaN(there.rank)
          ? `"${there.room}/" is not a declared room`
          : `${here.room}/ may import only ${layers.rooms.slice(0, here.rank).join(", ") || "nothing"} below it`;
        found.push({ from, to, message: `${from} imports ${to} (${why})` });
      }
    }
  }
  return found.sort((a, b) => a.message.localeCompare(b.message));
}

function main() {
  const files = sourceFiles();
  const problems = upwardImports(importGraph(files));
  if (problems.length > 0) {
    console.error(`${problems.length} import(s) against the rooms' order:`);
    for (const problem of problems) console.error(`  ${problem.message}`);
    for (const { folder, rooms } of LAYERED)
      console.error(`Order in ${folder}, bottom to top: ${rooms.join(" < ")} < top-level files.`);
    console.error("Move what both need into the lower room, or pass it in from above.");
    process.exit(1);
  }
  console.log(
    `Every room imports only downward (${LAYERED.map((l) => `${l.folder}: ${l.rooms.join(" < ")}`).join("; ")}).`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
