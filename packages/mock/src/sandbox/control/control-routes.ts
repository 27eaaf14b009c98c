/**
 * The control API's routes, derived from its spec (spec/flows/sandbox-control.openapi.yaml) as the API's are from
 * openapi.yaml (`routes.ts`): a handler is registered by `operationId`; its method, path and request body schema are
 * read from the spec. A handler for an operation the spec lacks, or an operation of the spec no one serves, stops
 * the sandbox at start, so the sandbox cannot serve a control route its spec does not describe.
 */
import { type ControlOperation, type ControlOperationId, controlOperations } from "../../generated/control-spec";
import { isRecord } from "../../is-record";
import { type RouteTable, routeTable } from "../../operation-match";
import { type Problem, schemaErrors } from "../../schema-validator";
import type { Schema } from "../../spec-document";
import type { SandboxContext } from "../state/context";

export interface ControlArgs {
  /** The path parameters by name, percent-decoded. */
  path: Record<string, string>;
  /** The JSON body, checked against the operation's request body schema (`{}` when none was sent). */
  body: Record<string, unknown>;
}

export type ControlHandler = (
  context: SandboxContext,
  request: Request,
  args: ControlArgs,
) => Response | Promise<Response>;
export type ControlHandlers = Record<ControlOperationId, ControlHandler | "front-server">;
export { type ControlOperation, controlOperations };

export interface ControlRoute {
  operation: ControlOperation;
  handler: ControlHandler;
}

/**
 * One route per operation of the control spec, literal paths before templated ones. Every operation needs a
 * handler (or `"front-server"` for the one the front server answers itself); a handler for an operationId the spec
 * does not have is refused.
 */
export function buildControlRoutes(handlers: ControlHandlers): RouteTable<ControlRoute> {
  const known = new Set<string>(controlOperations.map((op) => op.id));
  const strangers = Object.keys(handlers).filter((id) => !known.has(id));
  if (strangers.length > 0) {
    throw new Error(`The control API has handlers for routes its spec does not describe: ${strangers.join(", ")}`);
  }
  const unserved = controlOperations.filter((op) => handlers[op.id] === undefined).map((op) => op.id);
  if (unserved.length > 0) throw new Error(`The control API's spec has operations without a handler: ${unserved}`);
  return routeTable(
    controlOperations.flatMap((operation) => {
      const handler = handlers[operation.id];
      return handler === "front-server" ? [] : [{ operation, handler }];
    }),
  );
}

/**
 * The problems of a control call's JSON body against its operation's schema, one per field (in the schema's
 * property order, so answers are stable). A missing field "is required"; a property's `x-problem` in the spec is
 * what the sandbox says about a field that is there but wrong, where the schema's own words would be less helpful.
 */
export function bodyProblems(schema: Schema, body: Record<string, unknown>): Problem[] {
  const errors = schemaErrors(schema, body);
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const byField = new Map<string, string>();
  for (const error of errors) {
    const params = error.params;
    const field =
      error.instancePath.split("/")[1] ??
      (typeof params.missingProperty === "string" ? params.missingProperty : undefined) ??
      (typeof params.additionalProperty === "string" ? params.additionalProperty : "");
    if (byField.has(field)) continue;
    const property = properties[field];
    const custom = error.keyword === "required" || !isRecord(property) ? undefined : property["x-problem"];
    byField.set(
      field,
      typeof custom === "string" ? custom : describe(error.keyword, params, error.message, properties),
    );
  }
  const order = Object.keys(properties);
  return [...byField.entries()]
    .sort(([a], [b]) => rank(order, a) - rank(order, b))
    .map(([field, problem]) => ({ in: "body", field, problem }));
}

const rank = (order: string[], field: string) => (order.includes(field) ? order.indexOf(field) : order.length);

function describe(
  keyword: string,
  params: Record<string, unknown>,
  message: string | undefined,
  properties: Record<string, unknown>,
) {
  if (keyword === "required") return "is required";
  if (keyword === "enum") return `must be one of ${JSON.stringify(params.allowedValues)}`;
  if (keyword === "additionalProperties") {
    return `is not a field of this call (known: ${Object.keys(properties).join(", ")})`;
  }
  return message ?? keyword;
}
