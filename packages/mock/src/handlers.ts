/** MSW request handlers for every operation in the spec, with per-test overrides. */
import { type HttpHandler, HttpResponse, http } from "msw";
import { checkRequest } from "./check-request";
import type { OperationId } from "./generated/spec";
import { isRecord } from "./is-record";
import { deref, jsonMedia, type MockOperation, operation, operations } from "./operations";
import { type MockOverride, type MockReply, type ResolvedReply, resolveReply } from "./reply";
import type { Problem } from "./schema-validator";
import type { Schema } from "./spec-document";

export const PRODUCTION_BASE_URL = "https://api.friendlyscore.com";

export interface PlankyHandlersOptions {
  /** Origin (and optional path prefix) the code under test calls. Default: production, `https://api.friendlyscore.com`. */
  baseUrl?: string;
  /** Per operation: a reply (status, example, body, headers) or a function of the request returning one. */
  overrides?: { [Id in OperationId]?: MockOverride };
  /**
   * Check credentials, parameters and JSON bodies against the spec first, answering 401 or 400 like the real API
   * would (default `true`). Overrides apply only to requests that pass.
   */
  validateRequests?: boolean;
}

const ROUTE_BY_METHOD: Record<string, typeof http.get | undefined> = {
  GET: http.get,
  POST: http.post,
  PUT: http.put,
  PATCH: http.patch,
  DELETE: http.delete,
  HEAD: http.head,
  OPTIONS: http.options,
};

/** One handler per operation of the spec, answering its examples unless `overrides` says otherwise. */
export function plankyHandlers(options: PlankyHandlersOptions = {}): HttpHandler[] {
  const overrides: Partial<Record<OperationId, MockOverride>> = options.overrides ?? {};
  for (const id of Object.keys(overrides)) operation(id); // an unknown id throws now, not later
  return operations.map((op) => handlerFor(op, overrides[op.id], options));
}

export interface OverrideOptions extends Omit<PlankyHandlersOptions, "overrides"> {
  /** Answer only the next matching request, then fall back to the handlers given to `setupServer`. */
  once?: boolean;
}

/** A handler for `server.use(...)` that changes one operation's answer for the rest of a test (or `once`). */
export function override(id: OperationId, reply: MockOverride, options: OverrideOptions = {}): HttpHandler {
  return handlerFor(operation(id), reply, options, options.once);
}

function handlerFor(
  op: MockOperation,
  reply: MockOverride | undefined,
  options: Omit<PlankyHandlersOptions, "overrides">,
  once = false,
): HttpHandler {
  // A static override is checked against the spec now, so a wrong fixture fails where it is written.
  const fixed: ResolvedReply | undefined = typeof reply === "function" ? undefined : resolveReply(op, reply);
  const url = `${(options.baseUrl ?? PRODUCTION_BASE_URL).replace(/\/+$/, "")}${op.path.replace(/\{([^}]+)\}/g, ":$1")}`;
  const route = ROUTE_BY_METHOD[op.method];
  if (!route) throw new Error(`${op.id}: MSW has no handler for the method ${op.method}`);

  return route(
    url,
    async ({ request, params }) => {
      let body: unknown;
      if (options.validateRequests !== false) {
        const checked = await checkRequest(op, request, params);
        if (!checked.ok) return toResponse(rejection(op, checked.status, checked.problems));
        body = checked.body;
      } else if (op.requestBody) {
        body = await request
          .clone()
          .json()
          .catch(() => undefined);
      }
      if (typeof reply === "function") {
        return toResponse(resolveReply(op, await reply({ operationId: op.id, request, params, body })));
      }
      return toResponse(fixed ?? resolveReply(op));
    },
    { once },
  );
}

/**
 * 401 answers with the operation's declared 401 example; 400 with a body in the shape the spec declares for the
 * operation's 400 (`{error, error_description}` for the token endpoint, `{message}` elsewhere). Both add `errors`,
 * naming each field. Planky publishes no error body, so `errors` is this mock's own, allowed by the spec's schemas.
 */
function rejection(op: MockOperation, status: 400 | 401, problems: Problem[]): ResolvedReply {
  const summary = problems.map((p) => `${p.in}${p.field ? ` ${p.field}` : ""} ${p.problem}`).join("; ");
  const declared = jsonMedia(op.responses[String(status)]);
  const schema = declared?.schema ? deref<Schema>(declared.schema) : undefined;
  const oauthShape = Array.isArray(schema?.required) && schema.required.includes("error");
  const reply: MockReply =
    status === 401 && declared
      ? { status, validateBody: false }
      : {
          status,
          body: oauthShape ? { error: "invalid_request", error_description: summary } : { message: summary },
          validateBody: false,
        };
  const resolved = resolveReply(op, reply);
  const base = resolved.body && "json" in resolved.body ? resolved.body.json : {};
  resolved.body = { json: { ...(isRecord(base) ? base : {}), errors: problems } };
  resolved.headers.set("content-type", "application/json");
  return resolved;
}

function toResponse({ status, headers, body }: ResolvedReply): Response {
  if (body === undefined) return new HttpResponse(null, { status, headers });
  if ("text" in body) return new HttpResponse(body.text, { status, headers });
  return new HttpResponse(JSON.stringify(body.json), { status, headers });
}
