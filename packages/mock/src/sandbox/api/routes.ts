/**
 * The sandbox's routes, derived from the spec: a handler is registered by `operationId`, and its method, path and
 * the credential it needs are read from the bundled spec (stripe-mock's way). A new operation in the spec needs only
 * its handler; a handler for an operation the spec does not have stops the sandbox at start.
 */
import type { OperationId } from "../../generated/spec";
import { spec } from "../../generated/spec";
import { type OperationMatch, type RouteTable, routeTable } from "../../operation-match";
import { type MockOperation, operations } from "../../operations";
import { percentDecoded } from "../http/percent-decoding";
import { badRequest } from "../http/responses";
import type { SandboxContext } from "../state/context";
import type { Partition } from "../state/state";

/** What a call must carry: nothing, the access token (`Bearer`), or a customer token (`AppUserToken`). */
export type Credential = "none" | "bearer" | "customer";

export interface HandlerArgs {
  /** The path parameters by name, percent-decoded (e.g. `{ customer_id: "1001", bank_slug: "barclays" }`). */
  path: Record<string, string>;
  /** The customer the call is about: the `AppUserToken`'s customer, else the `customer_id` path parameter. */
  customerId: string | undefined;
  /** The caller's partition (its credential's client id); `undefined` only for operations that need no credential. */
  partition: Partition | undefined;
}

export type Handler = (context: SandboxContext, request: Request, args: HandlerArgs) => Response | Promise<Response>;
export type Handlers = { [id in OperationId]?: Handler };

export interface Route {
  operation: MockOperation;
  credential: Credential;
  handler: Handler | undefined;
}

export interface RouteMatch<R = Route> {
  route: R;
  path: Record<string, string>;
}

const schemes = spec.components.securitySchemes ?? {};

/** The credential an operation's `security` asks for. Alternatives must agree on the kind of token. */
export function credentialOf(operation: Pick<MockOperation, "id" | "security">): Credential {
  const kinds = new Set(
    operation.security.flatMap((requirement) =>
      Object.keys(requirement).map((name) => {
        const scheme = schemes[name];
        if (!scheme) throw new Error(`${operation.id}: the spec has no security scheme "${name}"`);
        return scheme.type === "apiKey" ? "customer" : "bearer";
      }),
    ),
  );
  // An empty requirement (`- {}`) makes the credential optional: the sandbox then asks for none.
  if (kinds.size === 0 || operation.security.some((requirement) => Object.keys(requirement).length === 0)) {
    return "none";
  }
  if (kinds.size > 1) throw new Error(`${operation.id}: the sandbox cannot mix Bearer and AppUserToken alternatives`);
  return [...kinds][0] as Credential;
}

/** One route per operation of the spec, with the table's matcher (`operation-match.ts`). */
export function buildRoutes(handlers: Handlers): RouteTable<Route> {
  const known = new Set<string>(operations.map((op) => op.id));
  const strangers = Object.keys(handlers).filter((id) => !known.has(id));
  if (strangers.length > 0) {
    throw new Error(`The sandbox has handlers for operations the spec does not have: ${strangers.join(", ")}`);
  }
  return routeTable(
    operations.map((operation) => ({
      operation,
      credential: credentialOf(operation),
      handler: handlers[operation.id],
    })),
  );
}

/**
 * The route for a method and path, with its parameters percent-decoded; `MalformedPathParameter` for a malformed
 * percent-escape. Both of the sandbox's doors use it: Planky's API (`routes` here) and the control API.
 */
export function matchRoute<R>(table: RouteTable<R>, method: string, pathname: string): RouteMatch<R> | undefined {
  const match = table.match(method, pathname);
  return match && decodedMatch(match);
}

/** A match (`operation-match.ts`) with its path parameters decoded; `MalformedPathParameter` when one does not. */
export function decodedMatch<R>({ route, raw }: OperationMatch<R>): RouteMatch<R> {
  return {
    route,
    path: Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, decodedParameter(name, value)])),
  };
}

/** A path parameter whose percent-escapes do not decode (`%ZZ`, a bare `%`, bytes that are not UTF-8). */
export class MalformedPathParameter extends URIError {
  constructor(
    readonly parameter: string,
    readonly raw: string,
  ) {
    super(`${parameter} has a malformed percent-escape in "${raw}"`);
  }
}

/** The decoded value, used, so no bundler can drop the check (see `percent-decoding.ts`). */
function decodedParameter(name: string, raw: string): string {
  const decoded = percentDecoded(raw);
  if (decoded === undefined) throw new MalformedPathParameter(name, raw);
  return decoded;
}

/** `matchRoute`, with a malformed escape answered by a 400 naming the parameter (both doors answer it alike). */
export function matchRouteOrRefuse<R>(
  routes: RouteTable<R>,
  method: string,
  pathname: string,
): RouteMatch<R> | Response | undefined {
  try {
    return matchRoute(routes, method, pathname);
  } catch (error) {
    if (!(error instanceof MalformedPathParameter)) throw error;
    return badRequest([
      { in: "path", field: error.parameter, problem: `has a malformed percent-escape in "${error.raw}"` },
    ]);
  }
}
