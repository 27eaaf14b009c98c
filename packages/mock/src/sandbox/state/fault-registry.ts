/**
 * The faults armed through `POST /_sandbox/faults` (see `faults.ts` for how they are applied): which operation, whose
 * calls, what answer, how many times. Apart from the code that applies them so the sandbox's context can hold the
 * registry without importing the API's routes (which import the context).
 */
import type { OperationId } from "../../generated/spec";
import { operations } from "../../operations";
import { MockConfigError, resolveReply } from "../../reply";
import type { Problem } from "../../schema-validator";

/** The longest delay a fault may ask for: longer than any client timeout worth testing, short of a hang. */
const MAX_DELAY_MS = 120_000;
const FIELDS = ["client_id", "operation_id", "status", "headers", "body", "delay_ms", "drop_connection", "times"];

export interface ArmedFault {
  id: number;
  /** Only calls made with this client id's credentials; `null`: every call. */
  client_id: string | null;
  operation_id: OperationId;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delay_ms?: number;
  drop_connection?: boolean;
  /** How many more calls it applies to. */
  remaining: number;
}

export class FaultRegistry {
  #faults: ArmedFault[] = [];
  #nextId = 1;

  /** Checks a `POST /_sandbox/faults` body and arms it; the problems (naming each field) when it is wrong. */
  arm(body: Record<string, unknown>): { fault: ArmedFault } | { problems: Problem[] } {
    const problems: Problem[] = [];
    const problem = (field: string, text: string) => problems.push({ in: "body", field, problem: text });
    for (const field of Object.keys(body)) {
      if (!FIELDS.includes(field)) problem(field, `is not a fault field (known: ${FIELDS.join(", ")})`);
    }
    const operation = operations.find((op) => op.id === body.operation_id);
    if (!operation) problem("operation_id", "must be the operationId of an operation of the spec, e.g. createCustomer");
    if (body.client_id !== undefined && typeof body.client_id !== "string") problem("client_id", "must be a string");
    const times = body.times ?? 1;
    if (!isWholeNumber(times) || times < 1) problem("times", "must be a whole number ≥ 1");
    const delay = body.delay_ms;
    if (delay !== undefined && (!isWholeNumber(delay) || delay < 0 || delay > MAX_DELAY_MS)) {
      problem("delay_ms", `must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`);
    }
    if (body.drop_connection !== undefined && typeof body.drop_connection !== "boolean") {
      problem("drop_connection", "must be true or false");
    }
    const headers = body.headers;
    if (headers !== undefined && !isStringRecord(headers)) {
      problem("headers", "must be an object of header name → string value");
    }
    if (body.status === undefined && body.delay_ms === undefined && body.drop_connection !== true) {
      problem("status", "is required unless delay_ms or drop_connection is given");
    }
    if (body.drop_connection === true && (body.status !== undefined || body.body !== undefined)) {
      problem("drop_connection", "cannot be combined with status or body: a dropped connection has no answer");
    }
    if ((body.body !== undefined || headers !== undefined) && body.status === undefined) {
      problem(body.body !== undefined ? "body" : "headers", "needs a status");
    }
    const status = body.status;
    if (operation && status !== undefined) {
      const declared = Object.keys(operation.responses);
      if (!isWholeNumber(status) || !declared.includes(String(status))) {
        problem("status", `must be a status the spec declares for ${operation.id}: ${declared.join(", ")}`);
      } else {
        try {
          resolveReply(operation, { status, body: body.body });
        } catch (error) {
          if (!(error instanceof MockConfigError)) throw error;
          problem("body", error.message);
        }
      }
    }
    // Every field was checked above; the guards here only tell the compiler what those checks established.
    if (problems.length > 0 || !operation || !isWholeNumber(times)) return { problems };
    const fault: ArmedFault = {
      id: this.#nextId++,
      client_id: typeof body.client_id === "string" ? body.client_id : null,
      operation_id: operation.id,
      ...(isWholeNumber(status) ? { status } : {}),
      ...(isStringRecord(headers) ? { headers } : {}),
      ...(body.body === undefined ? {} : { body: body.body }),
      ...(isWholeNumber(delay) ? { delay_ms: delay } : {}),
      ...(typeof body.drop_connection === "boolean" ? { drop_connection: body.drop_connection } : {}),
      remaining: times,
    };
    this.#faults.push(fault);
    return { fault };
  }

  /** What is armed; with a client id, that client id's faults and everyone's. */
  list(clientId?: string): ArmedFault[] {
    return this.#faults.filter((f) => clientId === undefined || f.client_id === clientId || f.client_id === null);
  }

  /** Disarms every fault, or one client id's; returns how many. */
  clear(clientId?: string): number {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => clientId !== undefined && f.client_id !== clientId);
    return before - this.#faults.length;
  }

  /** The fault for this call, used up by one (a client id's own before everyone's); `undefined`: answer normally. */
  take(operationId: OperationId, clientId: string | undefined): ArmedFault | undefined {
    const matches = (f: ArmedFault) => f.operation_id === operationId;
    const fault =
      (clientId === undefined ? undefined : this.#faults.find((f) => matches(f) && f.client_id === clientId)) ??
      this.#faults.find((f) => matches(f) && f.client_id === null);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#faults = this.#faults.filter((f) => f !== fault);
    return fault;
  }
}

function isWholeNumber(value: unknown): value is number {
  return Number.isInteger(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === "string")
  );
}
