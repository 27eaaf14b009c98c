/** The declaration text with `#private;` lines dropped and the AsyncIterable lib referenced when it is used. */
export function portableDeclarations(text: string): string;
/** Rewrites every `.d.ts` and `.d.cts` file in `dir` with `portableDeclarations`. */
export function makeDeclarationsPortable(dir: string): Promise<void>;
