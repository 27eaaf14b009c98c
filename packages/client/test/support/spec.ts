/** The spec as data, for tests that compare what the client returns with what the spec promises. */
import { readFileSync } from "node:fs";
import { specPath } from "@planky-kit/spec/path";
import { parse } from "yaml";

// biome-ignore lint/suspicious/noExplicitAny: the spec is untyped YAML; tests index into it freely.
export const spec: any = parse(readFileSync(specPath, "utf8"));

/** The value of a named example from `components.examples`. */
export function example<T = unknown>(name: string): T {
  const found = spec.components?.examples?.[name];
  if (!found) throw new Error(`spec has no components.examples.${name}`);
  return found.value as T;
}
