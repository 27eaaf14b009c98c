/** The spec's operations as the mock needs them: method, path, auth, parameters, body schema, responses. */
import { type OperationId, spec } from "./generated/spec";
import { isRecord } from "./is-record";
import { routeTable } from "./operation-match";
import type {
  MediaType,
  OperationObject,
  ParameterObject,
  Ref,
  ResponseObject,
  Schema,
  SecurityRequirement,
} from "./spec-document";

export interface MockOperation {
  id: OperationId;
  method: string;
  /** The OpenAPI path, e.g. `/public/v3/customers/{customer_id}/token`. */
  path: string;
  security: SecurityRequirement[];
  parameters: ParameterObject[];
  requestBody: { required: boolean; schema: Schema | undefined } | undefined;
  responses: Record<string, ResponseObject>;
}

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

/** Resolves a local `#/...` reference (one level is all the spec uses outside schemas). */
export function deref<T>(node: T | Ref): T {
  if (node && typeof node === "object" && "$ref" in node && typeof node.$ref === "string") {
    const target = node.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), spec);
    if (target === undefined) throw new Error(`The bundled spec has no ${node.$ref}`);
    return target as T;
  }
  return node as T;
}

export const operations: MockOperation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.has(method))
    .map(([method, raw]) => {
      const operation = raw as OperationObject;
      const body = operation.requestBody ? deref(operation.requestBody) : undefined;
      return {
        id: operation.operationId as OperationId,
        method: method.toUpperCase(),
        path,
        security: operation.security ?? spec.security ?? [],
        parameters: (operation.parameters ?? []).map((p) => deref(p)),
        requestBody: body && { required: body.required === true, schema: body.content?.["application/json"]?.schema },
        responses: Object.fromEntries(Object.entries(operation.responses ?? {}).map(([s, r]) => [s, deref(r)])),
      };
    }),
);

/** The spec's operations as a table to match requests against (`operation-match.ts`). */
export const specOperations = routeTable(operations.map((operation) => ({ operation })));

export function operation(id: string): MockOperation {
  const found = operations.find((op) => op.id === id);
  if (!found) throw new Error(`The spec has no operation "${id}". Known: ${operations.map((op) => op.id).join(", ")}`);
  return found;
}

export function jsonMedia(response: ResponseObject | undefined): MediaType | undefined {
  return response?.content?.["application/json"];
}

export interface NamedExample {
  /** The key under the response's `examples` (what Prism's `Prefer: example=` uses) and, if referenced, the
   * `components.examples` name. */
  names: string[];
  value: unknown;
}

export function examplesOf(media: MediaType | undefined): NamedExample[] {
  return Object.entries(media?.examples ?? {}).map(([key, example]) => {
    const refName = "$ref" in example ? example.$ref.split("/").at(-1) : undefined;
    return { names: refName && refName !== key ? [key, refName] : [key], value: deref(example).value };
  });
}
