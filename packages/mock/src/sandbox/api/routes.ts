/**
 * The sandbox's routes, derived from the spec: a handler is registered by `operationId`, and its method, path and
 * the credential it needs are read from the bundled spec (stripe-mock's way). A new operation in the spec needs only
 * its handler; a handler for an operation the spec does not have stops the sandbox at start.
 *
 * Handlers are typed from the spec too (the client's openapi-typescript types, generated from the same file and
 * checked stale by the client's lint): each gets its operation's path parameters by name, and answers through
 * `args.answer(status, body)`, which accepts only a status the spec declares for that operation with a body of the
 * schema's type, so a wrong answer shape does not compile.
 */
import type { operations as SpecOperations } from "@planky-kit/client";
import type { OperationId } from "../../generated/spec";
import { spec } from "../../generated/spec";
import { type OperationMatch, type RouteTable, routeTable } from "../../operation-match";
import { type MockOperation, operations } from "../../operations";
import { percentDecoded } from "../http/percent-decoding";
import { badRequest, json } from "../http/responses";
import type { SandboxContext } from "../state/context";
import type { Partition } from "../state/state";

/** What a call must carry: nothing, the access token (`Bearer`), or a customer token (`AppUserToken`). */
export type Credential = "none" | "bearer" | "customer";

/** The operations that need no credential (their handlers get no partition); checked against the spec at start. */
export const OPEN_OPERATIONS = ["createAccessToken"] as const;
/** The operations called with a customer token (their handlers always get the customer); checked at start. */
export const CUSTOMER_TOKEN_OPERATIONS = [
  "getConsentStatus",
  "listWebflowBanks",
  "createConsentScreen",
  "createBankFlowUrl",
  "deleteConsent",
] as const;
type OpenOperation = (typeof OPEN_OPERATIONS)[number];
type CustomerTokenOperation = (typeof CUSTOMER_TOKEN_OPERATIONS)[number];

type Responses<Id extends OperationId> = SpecOperations[Id]["responses"];
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;
/** The statuses the spec declares a JSON success answer for, for one operation. */
type SuccessStatus<Id extends OperationId> = Extract<keyof Responses<Id>, 200 | 201 | 202>;
/** The operation's path parameters by name (percent-decoded strings). */
export type PathOf<Id extends OperationId> = SpecOperations[Id]["parameters"] extends { path: infer P }
  ? { [K in keyof P]-?: string }
  : Record<never, string>;

/** A success answer of the operation: a status it declares, with a body of that status's schema type. */
export type Answer<Id extends OperationId> = <S extends SuccessStatus<Id>>(
  status: S,
  body: JsonOf<Responses<Id>[S]>,
) => Response;

export interface HandlerArgs<Id extends OperationId> {
  /** The path parameters by name, percent-decoded (e.g. `{ customer_id: "1001", bank_slug: "barclays" }`). */
  path: PathOf<Id>;
  /** The customer the call is about: the `AppUserToken`'s customer, else the `customer_id` path parameter. */
  customerId: Id extends CustomerTokenOperation ? string : "customer_id" extends keyof PathOf<Id> ? string : undefined;
  /** The caller's partition (its credential's client id); none for the operations that need no credential. */
  partition: Id extends OpenOperation ? undefined : Partition;
  /** Answers with a status and body the spec declares for this operation (errors use `../http/responses`). */
  answer: Answer<Id>;
}

export type Handler<Id extends OperationId> = (
  context: SandboxContext,
  request: Request,
  args: HandlerArgs<Id>,
) => Response | Promise<Response>;
export type Handlers = { [Id in OperationId]?: Handler<Id> };

/** A handler as the router holds it: the operation's types erased (they hold by construction, see `buildRoutes`). */
export type RouteHandler = (
  context: SandboxContext,
  request: Request,
  args: {
    path: Record<string, string>;
    customerId: string | undefined;
    partition: Partition | undefined;
    answer: (status: number, body: unknown) => Response;
  },
) => Response | Promise<Response>;

export interface Route {
  operation: MockOperation;
  credential: Credential;
  handler: RouteHandler | undefined;
}

/** The one implementation of every operation's `answer`: the types above already checked status and body. */
export const answerJson = (status: number, body: unknown): Response => json(status, body);

export interface RouteMatch<R = Route> {
  route: R;
  path: Record<string, string>;
}

const schemes = spec.components.securitySchemes ?? {};

/** The credential an operation's `security` asks for. Alternatives must agree on the kind of token. */
export function credentialOf(operation: Pick<MockOperation, "id" | "security">): Credential {
  const kinds = new Set<Credential>(
    operation.security.flatMap((requirement) =>
      Object.keys(requirement).map((name): Credential => {
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
  const [kind = "none"] = kinds;
  return kind;
}

/** One route per operation of the spec, with the table's matcher (`operation-match.ts`). */
export function buildRoutes(handlers: Handlers): RouteTable<Route> {
  const known = new Set<string>(operations.map((op) => op.id));
  const strangers = Object.keys(handlers).filter((id) => !known.has(id));
  if (strangers.length > 0) {
    throw new Error(`The sandbox has handlers for operations the spec does not have: ${strangers.join(", ")}`);
  }
  const table = routeTable<Route>(
    operations.map((operation) => ({
      operation,
      credential: credentialOf(operation),
      // The one cast of the router: a handler typed for its operation, held with the types erased. The arguments
      // it gets match its types: the credential lists above are checked against the spec below, and the path
      // parameters are the ones its template names.
      handler: handlers[operation.id] as RouteHandler | undefined,
    })),
  );
  const claimed = (id: string): Credential =>
    OPEN_OPERATIONS.some((open) => open === id)
      ? "none"
      : CUSTOMER_TOKEN_OPERATIONS.some((customer) => customer === id)
        ? "customer"
        : "bearer";
  const wrong = table.filter((route) => claimed(route.operation.id) !== route.credential);
  if (wrong.length > 0) {
    const list = wrong.map((r) => `${r.operation.id} needs ${r.credential}, routes.ts says ${claimed(r.operation.id)}`);
    throw new Error(`routes.ts's lists of credentials disagree with the spec: ${list.join("; ")}`);
  }
  return table;
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
