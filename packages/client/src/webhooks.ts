/**
 * `parseWebhook`: turns the body of a webhook POST from Planky into a typed payload, or throws.
 *
 * Planky documents no signature scheme, so this checks shape only, not authenticity: treat a parsed webhook as a
 * hint and read the customer's data back through the authenticated API.
 */
import { isRecord, PlankyError } from "./errors";
import type { webhooks } from "./generated/schema";

export type WebhookType = keyof webhooks;
/** The payload of one webhook type, e.g. `WebhookPayloadOf<"NEW_EVENT">`. */
export type WebhookPayloadOf<T extends WebhookType> = webhooks[T]["post"]["requestBody"]["content"]["application/json"];
/** Any documented webhook payload; switch on `webhook_type` to narrow it. */
export type WebhookPayload = { [T in WebhookType]: WebhookPayloadOf<T> }[WebhookType];

/** The body is not a webhook payload this client knows. `field` names the culprit (`"body"` for the whole body). */
export class WebhookParseError extends PlankyError {
  override name = "WebhookParseError";
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`Invalid webhook payload: "${field}" ${problem}`);
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

// The fields each type carries besides `msg`, `customer_id` and `webhook_type`, from the spec's `webhooks` section.
const integerFields: { [T in WebhookType]: readonly string[] } = {
  ACCOUNT_AUTHORIZATION_GRANTED: ["customer_id", "account_id"],
  ACCOUNT_AUTHORIZATION_LOST: ["customer_id", "account_id"],
  REPORT_AVAILABLE: ["customer_id"],
  REPORT_UPDATED: ["customer_id"],
  NEW_EVENT: ["event_id", "customer_id"],
};

/** Written out rather than `Object.keys(integerFields)`: a module-level call would stay in every bundle. */
export const WEBHOOK_TYPES: WebhookType[] = [
  "ACCOUNT_AUTHORIZATION_GRANTED",
  "ACCOUNT_AUTHORIZATION_LOST",
  "REPORT_AVAILABLE",
  "REPORT_UPDATED",
  "NEW_EVENT",
];

/**
 * Parses a webhook body: the raw request body as a string or bytes (recommended) or an already parsed JSON value.
 * Returns the payload, typed by `webhook_type`; extra fields Planky may add later are kept as they are.
 * Throws `WebhookParseError` for invalid JSON, an unknown `webhook_type` or a missing or mistyped field.
 */
export function parseWebhook(body: unknown): WebhookPayload {
  let payload = body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    // A raw body as bytes (e.g. a Node Buffer from express.raw()): JSON is UTF-8, and invalid bytes are an error.
    try {
      payload = new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      throw new WebhookParseError("body", "is not valid UTF-8");
    }
  }
  if (typeof payload === "string") {
    try {
      payload = JSON.parse(payload);
    } catch {
      throw new WebhookParseError("body", "is not valid JSON");
    }
  }
  if (!isRecord(payload)) throw new WebhookParseError("body", `must be a JSON object, got ${describe(payload)}`);

  const type = payload.webhook_type;
  if (typeof type !== "string") throw new WebhookParseError("webhook_type", `must be a string, got ${describe(type)}`);
  if (!Object.hasOwn(integerFields, type)) {
    throw new WebhookParseError(
      "webhook_type",
      `is ${JSON.stringify(type.slice(0, 80))}, not one of ${WEBHOOK_TYPES.join(", ")}`,
    );
  }
  if (typeof payload.msg !== "string") {
    throw new WebhookParseError("msg", `must be a string, got ${describe(payload.msg)}`);
  }
  for (const field of integerFields[type as WebhookType]) {
    const value = payload[field];
    if (!Number.isSafeInteger(value)) {
      // Planky's REST API sends ids as strings but its webhook examples send numbers: point that out, don't coerce.
      const hint = typeof value === "string" ? " (webhook ids are numbers, unlike the string ids of the REST API)" : "";
      throw new WebhookParseError(field, `must be an integer, got ${describe(value)}${hint}`);
    }
  }
  return payload as WebhookPayload;
}

/** A short description of a value for an error message; never the value of a string (it could be anything). */
function describe(value: unknown): string {
  if (value === undefined) return "nothing (missing)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isFinite(value) ? `the number ${value}` : String(value);
  return `a ${typeof value}`;
}
