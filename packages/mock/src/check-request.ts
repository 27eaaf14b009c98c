/**
 * Checks an intercepted request the way the spec describes it: credentials first (like the real API, which
 * answers 401 before looking at the body), then path/query/header parameters and the JSON body.
 */
import { spec } from "./generated/spec";
import type { MockOperation } from "./operations";
import { type Problem, validateAgainst } from "./schema-validator";
import type { ParameterObject, SecurityRequirement } from "./spec-document";

export type RequestCheck =
  | { ok: true; body: unknown }
  | { ok: false; status: 401; problems: Problem[] }
  | { ok: false; status: 400; problems: Problem[] };

export async function checkRequest(
  op: MockOperation,
  request: Request,
  pathParams: Record<string, string | readonly string[] | undefined>,
): Promise<RequestCheck> {
  const authProblem = checkSecurity(op.security, request.headers);
  if (authProblem) return { ok: false, status: 401, problems: [authProblem] };

  const url = new URL(request.url);
  const problems: Problem[] = [];
  for (const parameter of op.parameters) {
    const raw =
      parameter.in === "path"
        ? pathParams[parameter.name]
        : parameter.in === "query"
          ? (url.searchParams.get(parameter.name) ?? undefined)
          : parameter.in === "header"
            ? (request.headers.get(parameter.name) ?? undefined)
            : undefined;
    problems.push(...checkParameter(parameter, typeof raw === "string" ? raw : undefined));
  }

  let body: unknown;
  if (op.requestBody) {
    const text = await request.clone().text();
    const type = request.headers.get("content-type") ?? "";
    if (text === "") {
      if (op.requestBody.required) problems.push({ in: "body", field: "", problem: "is required (JSON)" });
    } else if (!/^application\/(.+\+)?json\b/i.test(type)) {
      problems.push({ in: "header", field: "content-type", problem: `must be application/json, got "${type}"` });
    } else {
      try {
        body = JSON.parse(text);
        if (op.requestBody.schema) problems.push(...validateAgainst(op.requestBody.schema, body, "body"));
      } catch {
        problems.push({ in: "body", field: "", problem: "is not valid JSON" });
      }
    }
  }
  return problems.length > 0 ? { ok: false, status: 400, problems } : { ok: true, body };
}

/** Query and path values arrive as text; integers and booleans are converted before schema validation. */
function checkParameter(parameter: ParameterObject, raw: string | undefined): Problem[] {
  const where = parameter.in === "cookie" ? "header" : parameter.in;
  if (raw === undefined) {
    return parameter.required ? [{ in: where, field: parameter.name, problem: "is required" }] : [];
  }
  const schema = parameter.schema ?? {};
  let value: unknown = raw;
  if ((schema.type === "integer" || schema.type === "number") && raw.trim() !== "" && Number.isFinite(Number(raw))) {
    value = Number(raw);
  } else if (schema.type === "boolean" && (raw === "true" || raw === "false")) {
    value = raw === "true";
  }
  return validateAgainst(schema, value, where, parameter.name);
}

/**
 * One of the security requirements must be met. `http bearer` and `oauth2` expect `Authorization: Bearer <token>`;
 * an `apiKey` in the `Authorization` header expects `<SchemeName> <token>` (the spec's `AppUserToken` scheme);
 * any other `apiKey` only has to be present. Tokens are never checked for a value: any non-empty token passes.
 */
function checkSecurity(requirements: SecurityRequirement[], headers: Headers): Problem | undefined {
  if (requirements.length === 0) return undefined;
  const problems: Problem[] = [];
  for (const requirement of requirements) {
    const failed = Object.keys(requirement)
      .map((name) => checkScheme(name, headers))
      .find((problem) => problem !== undefined);
    if (!failed) return undefined;
    problems.push(failed);
  }
  return problems[0];
}

function checkScheme(name: string, headers: Headers): Problem | undefined {
  const scheme = spec.components.securitySchemes?.[name];
  if (!scheme) return { in: "header", field: "authorization", problem: `unknown security scheme ${name}` };
  if (scheme.type === "apiKey" && scheme.in === "header" && scheme.name) {
    const value = headers.get(scheme.name) ?? "";
    if (scheme.name.toLowerCase() !== "authorization") {
      return value ? undefined : { in: "header", field: scheme.name.toLowerCase(), problem: "is required" };
    }
    return new RegExp(`^${name} \\S+$`).test(value)
      ? undefined
      : { in: "header", field: "authorization", problem: `must be "${name} <token>"` };
  }
  if ((scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") || scheme.type === "oauth2") {
    return /^Bearer \S+$/i.test(headers.get("authorization") ?? "")
      ? undefined
      : { in: "header", field: "authorization", problem: 'must be "Bearer <access token>"' };
  }
  return { in: "header", field: "authorization", problem: `security scheme ${name} is not supported by the mock` };
}
