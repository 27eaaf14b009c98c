// Mutation testing of the hand-written MSW handlers (`pnpm mutation` at the root; not part of `pnpm test`).
// The local-dev sandbox (src/sandbox, src/cli.ts) is left out: its tests start Prism, too slow to run per mutant.
import { strykerOptions } from "../../scripts/stryker-options.mjs";

export default strykerOptions({ mutate: ["src/*.ts", "!src/index.ts", "!src/cli.ts"], ignorePatterns: [] });
