/**
 * What the sandbox's front refuses before anything reaches Prism or the control API. Prism 5.16 dies on a
 * malformed percent-escape in a path parameter, never answers a JSON body that does not parse, overflows its stack
 * on deeply nested JSON and answers 500 for `page=1e400`; and without a cap the front would buffer any body whole.
 * Each refusal names what was wrong, in the spec's error shape.
 */
import type { IncomingMessage } from "node:http";
import type { OperationMatch } from "../../operation-match";
import { deref } from "../../operations";
import type { Problem } from "../../schema-validator";
import type { ParameterObject, Schema } from "../../spec-document";
import { escapeProblem } from "../http/percent-decoding";
import { badRequest, json } from "../http/responses";

/** The largest request body the sandbox reads (Planky's bodies are a few hundred bytes; Prism's own cap is 10 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The deepest JSON nesting accepted (the spec's bodies are 2 levels deep; Prism overflows its stack at ~10,000). */
export const MAX_JSON_DEPTH = 64;
/** The methods the sandbox serves; anything else (TRACE, PROPFIND, …) is a 405 here. */
export const SERVED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export type GuardResult =
  | { ok: true; body: Buffer }
  /**
   * `drain`: the body was not read (too large); the front answers at once, then reads and discards the rest before
   * closing the connection (see `answerThenDrain`), so a client still sending gets the answer, not a reset.
   */
  | { ok: false; response: Response; drain?: boolean };

/**
 * The request's operation as the front matched it (`operation-match.ts`): its path template names the parameter a
 * bad escape is in; Planky's operations also list their query parameters (the control API's declare none).
 */
export type GuardedMatch = OperationMatch<{ operation: { path: string; parameters?: ParameterObject[] } }>;

/**
 * Checks the method, the path's escapes, the body (size, JSON, nesting, Unicode) and numeric query values.
 * `match`: the request's operation, matched once by the front (`undefined` when it is none the sandbox serves).
 */
export async function guardRequest(incoming: IncomingMessage, match: GuardedMatch | undefined): Promise<GuardResult> {
  const method = incoming.method ?? "GET";
  const target = incoming.url ?? "/";
  const [pathname = "/", search = ""] = target.split(/\?(.*)/s);
  if (!SERVED_METHODS.includes(method)) {
    return {
      ok: false,
      response: json(
        405,
        { message: `The sandbox does not serve ${method} requests (it serves ${SERVED_METHODS.join(", ")})` },
        { allow: SERVED_METHODS.join(", ") },
      ),
    };
  }
  // Prism decodes the API's path parameters twice; the control API (no Prism) decodes its own once.
  const badEscape = escapeRefusal(pathname, match, { twice: !pathname.startsWith("/_sandbox/") });
  if (badEscape) return { ok: false, response: badEscape };
  const body = await readLimited(incoming, MAX_BODY_BYTES);
  if (!body) return { ok: false, response: tooLarge(MAX_BODY_BYTES, "the sandbox accepts"), drain: true };
  const problems = [
    ...jsonBodyProblems(String(incoming.headers["content-type"] ?? ""), body),
    ...(match ? queryProblems(match.route.operation.parameters ?? [], new URLSearchParams(search)) : []),
  ];
  if (problems.length > 0) return { ok: false, response: refusal(pathname, problems) };
  return { ok: true, body };
}

/** A 400 in the spec's shape: the token endpoint's is an OAuth2 error, every other one `{ message, errors }`. */
export function refusal(pathname: string, problems: Problem[], headers: Record<string, string> = {}): Response {
  if (pathname.startsWith("/oauth/")) {
    const description = problems.map((p) => `${p.in}${p.field ? ` ${p.field}` : ""} ${p.problem}`).join("; ");
    return json(400, { error: "invalid_request", error_description: description, errors: problems }, headers);
  }
  const response = badRequest(problems);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** The 413 for a body over `limit` bytes (`what`: "the sandbox accepts"). */
export function tooLarge(limit: number, what: string): Response {
  return json(413, { message: `The request body is larger than ${what} (${limit} bytes)` });
}

/**
 * A 400 naming the path parameter (by the spec's path template) whose escapes are malformed (or, with `twice`,
 * decode to malformed ones); `undefined` when every segment decodes.
 */
export function escapeRefusal(
  pathname: string,
  match: Pick<OperationMatch<unknown>, "parameterAt"> | undefined,
  { twice }: { twice: boolean },
): Response | undefined {
  const bad = pathEscapeProblem(pathname, { twice });
  if (bad === undefined) return undefined;
  const field = match?.parameterAt(bad.index) ?? "";
  return refusal(pathname, [{ in: "path", field, problem: bad.problem }]);
}

/**
 * The first path segment whose escapes do not decode (`%ZZ`, `%E0%A4%A`, a bare `%`), or with `twice`, whose
 * decoded value does not decode again (`%25ZZ`): its index (to name the path parameter) and the problem, in words.
 */
export function pathEscapeProblem(
  pathname: string,
  { twice }: { twice: boolean },
): { index: number; problem: string } | undefined {
  const segments = pathname.split("/");
  for (const [index, segment] of segments.entries()) {
    const problem = escapeProblem(segment, `"${shorten(segment)}"`, { twice });
    if (problem !== undefined) return { index, problem };
  }
  return undefined;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * Reads the body, up to `limit` bytes; `undefined` once it is larger (a `content-length` above it is refused
 * unread). The rest of an oversized body is left to the caller to discard (`answerThenDrain`), never buffered.
 */
export function readLimited(incoming: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(incoming.headers["content-length"]) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      incoming.off("data", onData);
      incoming.pause();
      resolve(undefined);
    };
    incoming.on("data", onData);
    incoming.once("end", () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    incoming.once("error", reject);
    // A client that goes away mid-body must not leave this request waiting forever.
    incoming.once("close", () => {
      if (!ended) reject(new Error("The client closed the connection before sending the whole body"));
    });
  });
}

function jsonBodyProblems(contentType: string, body: Buffer): Problem[] {
  if (body.length === 0 || !/^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim())) return [];
  let validUtf8 = true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    validUtf8 = false;
  }
  const text = body.toString("utf8");
  if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
    return [{ in: "body", field: "", problem: `is nested deeper than ${MAX_JSON_DEPTH} levels` }];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the body, which may hold a client secret: only the position is repeated.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    const where = position === undefined ? "" : ` (at character ${position})`;
    return [{ in: "body", field: "", problem: `is not valid JSON${where}` }];
  }
  return unicodeProblems(value, validUtf8);
}

/** Counts brackets outside strings: linear, no recursion, so any depth is measured safely. */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > max) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (`String#isWellFormed`). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the sandbox could not store faithfully: a lone surrogate (`"\ud800"`, which no lookup can match), or invalid
 * UTF-8 bytes (which would be stored as U+FFFD). Named by field path.
 */
function unicodeProblems(value: unknown, validUtf8: boolean): Problem[] {
  const problems: Problem[] = [];
  const bad = (text: string) => LONE_SURROGATE.test(text) || (!validUtf8 && text.includes("\uFFFD"));
  const pending: [unknown, string][] = [[value, ""]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === "string" && bad(item)) {
      problems.push({
        in: "body",
        field: path,
        problem: "must be valid Unicode text (no invalid UTF-8, no lone surrogate)",
      });
    } else if (item && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key;
        if (bad(key))
          problems.push({ in: "body", field: childPath, problem: "is a key that is not valid Unicode text" });
        pending.push([child, childPath]);
      }
    }
  }
  if (problems.length === 0 && !validUtf8) problems.push({ in: "body", field: "", problem: "is not valid UTF-8" });
  return problems;
}

/** Numeric query values JavaScript reads as ±Infinity (`page=1e400`), which Prism lets through. */
function queryProblems(parameters: ParameterObject[], query: URLSearchParams): Problem[] {
  return numericQueryNames(parameters).flatMap((name) =>
    query
      .getAll(name)
      .filter((v) => /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(v) && !Number.isFinite(Number(v)))
      .map((v) => ({ in: "query" as const, field: name, problem: `must be a finite number, got "${shorten(v)}"` })),
  );
}

const numericNames = new WeakMap<ParameterObject[], string[]>();

/** The operation's integer and number query parameters (worked out once per operation). */
function numericQueryNames(parameters: ParameterObject[]): string[] {
  let names = numericNames.get(parameters);
  if (!names) {
    names = parameters
      .filter((p) => p.in === "query")
      .filter((p) => {
        const type = p.schema ? deref<Schema>(p.schema).type : undefined;
        return type === "integer" || type === "number";
      })
      .map((p) => p.name);
    numericNames.set(parameters, names);
  }
  return names;
}
