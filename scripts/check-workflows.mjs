// Checks the GitHub Actions workflows against the workflow schema with action-validator (its npm build is
// WebAssembly: nothing is downloaded outside npm). A misspelt key, a wrong permission value or a job without
// `steps` fails `pnpm test` here instead of at the first push, when a release may already be half done.
//
// Usage: node scripts/check-workflows.mjs [workflow files…]   (default: every .github/workflows/*.yml / *.yaml)
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { validateWorkflow } = require("@action-validator/core");

const root = fileURLToPath(new URL("..", import.meta.url));
const workflowsDir = join(root, ".github", "workflows");

/** One line per problem: the path in the workflow and what is wrong there; `oneOf` alternatives are flattened. */
export function problemsOf(errors) {
  const lines = new Set();
  const visit = (error) => {
    if (error.states) for (const state of error.states) for (const inner of state.errors ?? []) visit(inner);
    else lines.add(`${error.path || "/"}: ${error.detail ?? error.title}`);
  };
  for (const error of errors) visit(error);
  return [...lines];
}

/** The problems in one workflow file's text (empty when it is valid). */
export function checkWorkflow(source) {
  return problemsOf(validateWorkflow(source).errors ?? []);
}

function main() {
  const args = process.argv.slice(2);
  const files = args.length
    ? args
    : readdirSync(workflowsDir)
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => join(workflowsDir, name));
  if (files.length === 0) {
    console.error(`check-workflows: no workflow files in ${relative(root, workflowsDir)}`);
    process.exit(1);
  }
  let failed = 0;
  for (const file of files) {
    const problems = checkWorkflow(readFileSync(file, "utf8"));
    const name = relative(root, file);
    if (problems.length === 0) {
      console.log(`check-workflows: ${name}: valid`);
      continue;
    }
    failed++;
    console.error(`check-workflows: ${name}: ${problems.length} problem(s)`);
    for (const problem of problems) console.error(`  ${problem}`);
  }
  if (failed > 0) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
