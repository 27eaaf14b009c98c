// Survivors of `pnpm mutation` that need no test, each with one line of why; MUTATION.md shows them under
// "Judged equivalent" (or "Message wording only" with kind "wording"). A note matches a surviving mutant by file,
// mutator name and a piece of the mutated line (`code`); a note that matches nothing is listed in MUTATION.md.
/** @type {{ file: string, mutator: string, code: string, why: string, kind?: "wording" }[]} */
export const notes = [];
