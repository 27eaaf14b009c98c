/** What the mock answers: the spec's examples by default, or a test's override, checked against the spec. */
import type { OperationId } from "./generated/spec";
import { deref, examplesOf, jsonMedia, type MockOperation } from "./operations";
import type { Problem } from "./schema-validator";
import { validateAgainst } from "./schema-validator";
import type { HeaderObject } from "./spec-document";

/** A response for one operation. Every field is optional; the defaults come from the spec. */
export interface MockReply {
  /** HTTP status. Default: the status of `example`, else the operation's first declared 2xx. */
  status?: number;
  /** A named example of the operation's responses, e.g. `"BusinessInvitation"` or `"TooManyRequestsError"`. */
  example?: string;
  /** JSON body. Default: the first named example declared for `status` (none when `status` declares none). */
  body?: unknown;
  /** A raw, non-JSON body instead, e.g. an HTML error page from a proxy. Sent as `text/plain` unless headers say. */
  text?: string;
  /** Extra or replacing response headers. Declared headers with an example (e.g. `Retry-After`) are sent anyway. */
  headers?: Record<string, string>;
  /**
   * Check `body` against the schema the spec declares for `status` (default `true`). Turn off to test how your
   * code copes with a body Planky's spec does not allow.
   */
  validateBody?: boolean;
}

/** What a function override receives: the intercepted request, already checked against the spec. */
export interface MockRequestInfo {
  operationId: OperationId;
  request: Request;
  params: Record<string, string | readonly string[] | undefined>;
  /** The parsed JSON request body (`undefined` for operations without one). */
  body: unknown;
}

export type MockOverride = MockReply | ((info: MockRequestInfo) => MockReply | Promise<MockReply>);

export interface ResolvedReply {
  status: number;
  headers: Headers;
  body: { json: unknown } | { text: string } | undefined;
}

/** An override contradicts the spec (unknown example, body not matching the declared schema). */
export class MockConfigError extends Error {
  override name = "MockConfigError";
  readonly problems: Problem[];

  constructor(message: string, problems: Problem[] = []) {
    super(message);
    this.problems = problems;
  }
}

export function resolveReply(op: MockOperation, reply: MockReply = {}): ResolvedReply {
  const statuses = Object.keys(op.responses);
  let status = reply.status;
  let exampleValue: { value: unknown } | undefined;

  if (reply.example !== undefined) {
    const candidates = status === undefined ? statuses : [String(status)];
    for (const candidate of candidates) {
      const found = examplesOf(jsonMedia(op.responses[candidate])).find((e) => e.names.includes(reply.example ?? ""));
      if (found) {
        status = Number(candidate);
        exampleValue = { value: found.value };
        break;
      }
    }
    if (!exampleValue) {
      const known = statuses.flatMap((s) => examplesOf(jsonMedia(op.responses[s])).map((e) => `${s} ${e.names[0]}`));
      throw new MockConfigError(
        `${op.id} has no response example "${reply.example}"${reply.status ? ` for status ${reply.status}` : ""}. Known: ${known.join(", ")}`,
      );
    }
  }
  status ??= defaultStatus(op);
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new MockConfigError(`${op.id}: status must be a whole number from 200 to 599, got ${status}`);
  }

  const declared = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`];
  const media = jsonMedia(declared);
  const headers = new Headers();
  for (const [name, header] of Object.entries(declared?.headers ?? {})) {
    const { example } = deref<HeaderObject>(header);
    if (example !== undefined) headers.set(name, String(example));
  }

  let body: ResolvedReply["body"];
  if (reply.text !== undefined) {
    body = { text: reply.text };
    headers.set("content-type", "text/plain");
  } else {
    const value = reply.body !== undefined ? reply.body : (exampleValue ?? examplesOf(media)[0])?.value;
    if (value !== undefined) {
      body = { json: value };
      headers.set("content-type", "application/json");
    }
    if (reply.body !== undefined && reply.validateBody !== false && media?.schema) {
      const problems = validateAgainst(media.schema, reply.body, "body");
      if (problems.length > 0) {
        const list = problems.map((p) => `${p.field || "(body)"} ${p.problem}`).join("; ");
        throw new MockConfigError(
          `${op.id}: the override body does not match the spec's ${status} response: ${list}. ` +
            "Fix the fixture, or pass validateBody: false to send it anyway.",
          problems,
        );
      }
    }
  }
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers.set(name, value);
  return { status, headers, body };
}

/** The first declared 2xx status: what the real API answers when all goes well. */
function defaultStatus(op: MockOperation): number {
  const success = Object.keys(op.responses)
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  if (!success[0]) throw new MockConfigError(`${op.id} declares no 2xx response; pass a status`);
  return Number(success[0]);
}
