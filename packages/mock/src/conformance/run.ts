/**
 * The conformance run: gets an access token, walks the recipes in order against a server, and checks every answer
 * against the spec. It returns what it found; printing and exit codes are the command's job (`command.ts`).
 */

import type { OperationId } from "../generated/spec";
import { isRecord } from "../is-record";
import { type MockOperation, operations, operation as specOperation } from "../operations";
import { type Recipe, type RequestParts, type RunState, recipes } from "./recipes";
import { type Answer, checkAnswer, type Violation } from "./response-check";

export interface ConformanceOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Also run the creates (customer, customer token, invitation, webhook, consent screen, bank flow URL, delete). */
  allowWrites?: boolean;
  /** Default: `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Default: `conformance-<unix ms>`. */
  stamp?: string;
}

export interface OperationResult {
  operationId: string;
  method: string;
  path: string;
  /** `covered`: the server answered a declared 2xx. `not covered`: it could not be reached; `reason` says why. */
  outcome: "covered" | "not covered";
  /** Statuses the server answered (empty when nothing was sent). */
  statuses: number[];
  reason?: string;
  violations: Violation[];
}

export interface ConformanceResult {
  baseUrl: string;
  operations: OperationResult[];
  responsesChecked: number;
  violations: Violation[];
}

/** The run could not start or go on: unreachable server, refused credentials. The message carries no secret. */
export class ConformanceAbort extends Error {
  override name = "ConformanceAbort";
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceResult> {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const fetch = options.fetch ?? globalThis.fetch;
  const state: RunState = { stamp: options.stamp ?? `conformance-${Date.now()}` };
  const results = new Map<string, OperationResult>();
  let responsesChecked = 0;

  const exchange = async (op: MockOperation, parts: RequestParts): Promise<{ answer: Answer; body: unknown }> => {
    const url = new URL(baseUrl + fillPath(op.path, parts.path ?? {}));
    for (const [name, value] of Object.entries(parts.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: "application/json" };
    const credential = credentialFor(op, state);
    if (credential) headers.authorization = credential;
    if (parts.body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(url, {
        method: op.method,
        headers,
        ...(parts.body !== undefined ? { body: JSON.stringify(parts.body) } : {}),
        redirect: "manual",
      });
    } catch (error) {
      throw new ConformanceAbort(`could not reach ${baseUrl} (${describeFailure(error)})`);
    }
    const answer: Answer = { status: response.status, headers: response.headers, body: await response.text() };
    const result = resultFor(results, op);
    result.statuses.push(answer.status);
    const found = checkAnswer(op, answer);
    result.violations.push(...found);
    responsesChecked++;
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      body = undefined;
    }
    return { answer, body };
  };

  // 1. The access token: without it nothing else can run.
  const tokenOp = operations.find((op) => op.security.length === 0 && op.path.startsWith("/oauth/"));
  if (!tokenOp) throw new ConformanceAbort("the bundled spec has no token operation");
  const token = await exchange(tokenOp, {
    body: { client_id: options.clientId, client_secret: options.clientSecret, grant_type: "client_credentials" },
  });
  const accessToken = isRecord(token.body) ? token.body.access_token : undefined;
  if (token.answer.status === 400 || token.answer.status === 401 || token.answer.status === 403) {
    throw new ConformanceAbort(
      `the server refused the client id and secret (HTTP ${token.answer.status} from ${tokenOp.path}); check --client-id and --client-secret`,
    );
  }
  if (!isSuccess(token.answer.status) || typeof accessToken !== "string" || accessToken === "") {
    throw new ConformanceAbort(
      `no access token from ${tokenOp.path} (HTTP ${token.answer.status}${token.answer.status < 300 ? ", no access_token in the body" : ""})`,
    );
  }
  state.accessToken = accessToken;
  markCovered(resultFor(results, tokenOp));

  // 2. Every operation with a recipe, in order.
  for (const [id, recipe] of recipes) {
    const op = findSpecOperation(id);
    if (!op) continue; // a recipe for an operation the spec dropped
    const result = resultFor(results, op);
    const parts = preparedOrSkip(recipe, state, options.allowWrites === true);
    if ("skip" in parts) {
      result.reason = parts.skip;
      continue;
    }
    const { answer, body } = await exchange(op, parts);
    if (isSuccess(answer.status)) {
      markCovered(result);
      recipe.learn?.(state, body);
    } else {
      result.reason = `HTTP ${answer.status}`;
    }
  }

  // 3. Operations of the spec nobody knows how to reach yet.
  for (const op of operations) {
    const result = resultFor(results, op);
    if (result.outcome === "not covered" && result.reason === undefined) {
      result.reason = "no way to reach it is known yet (no recipe in the conformance run)";
    }
  }
  const ordered = operations.map((op) => resultFor(results, op));
  return {
    baseUrl,
    operations: ordered,
    responsesChecked,
    violations: ordered.flatMap((r) => r.violations),
  };
}

function preparedOrSkip(recipe: Recipe, state: RunState, allowWrites: boolean): RequestParts | { skip: string } {
  if (recipe.writes && !allowWrites) return { skip: "creates or deletes data: run with --allow-writes" };
  return recipe.prepare(state);
}

function findSpecOperation(id: OperationId): MockOperation | undefined {
  try {
    return specOperation(id);
  } catch {
    return undefined;
  }
}

function resultFor(results: Map<string, OperationResult>, op: MockOperation): OperationResult {
  let result = results.get(op.id);
  if (!result) {
    result = {
      operationId: op.id,
      method: op.method,
      path: op.path,
      outcome: "not covered",
      statuses: [],
      violations: [],
    };
    results.set(op.id, result);
  }
  return result;
}

function markCovered(result: OperationResult): void {
  result.outcome = "covered";
  delete result.reason;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The credential the spec asks for: none, the customer token (`AppUserToken`), or the access token (Bearer). */
function credentialFor(op: MockOperation, state: RunState): string | undefined {
  if (op.security.length === 0) return undefined;
  const schemes = op.security.flatMap((requirement) => Object.keys(requirement));
  if (schemes.includes("AppUserToken")) return state.customerToken && `AppUserToken ${state.customerToken}`;
  return state.accessToken && `Bearer ${state.accessToken}`;
}

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
}

/** undici: `TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })`. Only the code, never a header. */
function describeFailure(error: unknown): string {
  const cause = error instanceof Error && isRecord(error.cause) ? error.cause : undefined;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message; // e.g. "bad port": undici's words, no request data
  if (error instanceof Error && error.name === "TypeError" && /invalid url/i.test(error.message)) return "invalid URL";
  return error instanceof Error ? error.name : "unknown error";
}
