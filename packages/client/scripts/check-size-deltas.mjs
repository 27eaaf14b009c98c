/**
 * What an opt-in entry adds to the bundle of a consumer who imports it: size-limit measures totals only, so this
 * runs it (`size-limit --json`, the entries of .size-limit.json) and checks the difference between two of its
 * entries against a budget. The budgets live here, each with where it comes from.
 */
import { execFileSync } from "node:child_process";

const budgets = [
  {
    // Issue 27: the headless flow adds at most 1.5 kB min+gzip for a consumer who imports it (nothing otherwise:
    // it is a sub-entry, so the webflow entry's own size-limit entry does not contain it).
    what: "connect-bank on top of webflow",
    total: "webflow + connect-bank",
    base: "webflow entry",
    limit: 1500,
  },
];

const results = JSON.parse(execFileSync("size-limit", ["--json"], { encoding: "utf8", shell: false }));
const find = (prefix) => {
  const found = results.find(({ name }) => name.startsWith(prefix));
  if (!found) throw new Error(`.size-limit.json has no entry named "${prefix}…"`);
  return found.size;
};

let failed = false;
for (const { what, total, base, limit } of budgets) {
  const added = find(total) - find(base);
  const ok = added <= limit;
  failed ||= !ok;
  console.log(
    `${ok ? "✔" : "✘"} ${what}: ${(added / 1000).toFixed(2)} kB added (limit ${(limit / 1000).toFixed(2)} kB)`,
  );
}
if (failed) process.exitCode = 1;
