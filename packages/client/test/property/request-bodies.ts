/** Every operation in the spec that takes a JSON request body, with its schema: what the property tests cover. */
import { spec } from "../support/spec";
import type { Schema } from "./schema-arbitraries";

export interface RequestBodyOperation {
  operationId: string;
  method: string;
  path: string;
  schema: Schema;
  /** JSON pointer to the schema inside the spec, for validators that resolve its `$ref`s against the spec. */
  pointer: string;
}

const pointerKey = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

export const requestBodyOperations: RequestBodyOperation[] = Object.entries<Schema>(spec.paths).flatMap(
  ([path, item]) =>
    Object.entries<Schema>(item).flatMap(([method, operation]) => {
      const schema = operation?.requestBody?.content?.["application/json"]?.schema;
      if (!schema) return [];
      const pointer = `#/paths/${pointerKey(path)}/${method}/requestBody/content/application~1json/schema`;
      return [{ operationId: operation.operationId, method: method.toUpperCase(), path, schema, pointer }];
    }),
);

/** Names the field a Prism violation (`sl-violations` header) is about, e.g. `email` for a missing `email`. */
export function violatedField(violation: { location?: string[]; code?: string; message?: string }): string {
  const below = (violation.location ?? []).slice(2).join(".");
  if (violation.code === "required") {
    const missing = /required property '([^']+)'/.exec(violation.message ?? "")?.[1];
    return below ? `${below}.${missing}` : String(missing);
  }
  return below;
}
