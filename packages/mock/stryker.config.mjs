// Mutation testing of the mock's hand-written code (`pnpm mutation` at the root; not part of `pnpm test`): the MSW
// handlers and the sandbox's stateful API, control API and request checks. Left out (see MUTATION.md for why): code
// that only runs with Prism or a child process, or that only starts/stops servers.
import { strykerOptions } from "../../scripts/stryker-options.mjs";

export default strykerOptions({
  mutate: [
    "src/*.ts",
    "!src/index.ts",
    "!src/cli.ts",
    "src/sandbox/**/*.ts",
    "!src/sandbox/index.ts",
    "!src/sandbox/prism/prism.ts",
    "!src/sandbox/prism/prism-supervisor.ts",
    "!src/sandbox/front/health.ts",
    "!src/sandbox/cli-run.ts",
    "!src/sandbox/start.ts",
    "!src/sandbox/front/front-server.ts",
    "!src/sandbox/http/node-http.ts",
  ],
  ignorePatterns: [],
});
