/**
 * `parseWebhook` against the spec's `webhooks` section: every documented example parses, every required field is
 * enforced, and anything else is a `WebhookParseError` naming the field.
 */
import { describe, expect, expectTypeOf, test } from "vitest";
import { PlankyError, parseWebhook, WEBHOOK_TYPES, WebhookParseError, type WebhookPayload } from "../../src/index";
import { spec } from "../support/spec";

// biome-ignore lint/suspicious/noExplicitAny: walking untyped YAML.
type Node = any;
const resolve = (ref: string): Node =>
  ref
    .slice(2)
    .split("/")
    .reduce((at: Node, key: string) => at?.[key], spec);

/** Per webhook type in the spec: its example payload and its schema. */
const documented = Object.entries<Node>(spec.webhooks).map(([type, item]) => {
  const media = item.post.requestBody.content["application/json"];
  const [exampleRef] = Object.values<Node>(media.examples).map((e) => e.$ref as string);
  return { type, example: resolve(exampleRef as string).value, schema: resolve(media.schema.$ref) };
});

function parseError(body: unknown): WebhookParseError {
  try {
    parseWebhook(body);
  } catch (error) {
    if (error instanceof WebhookParseError) return error;
    throw error;
  }
  throw new Error("parseWebhook accepted the body");
}

describe("parseWebhook", () => {
  test("knows exactly the webhook types the spec documents", () => {
    expect([...WEBHOOK_TYPES].sort()).toEqual(Object.keys(spec.webhooks).sort());
    expect(WEBHOOK_TYPES).toHaveLength(5);
  });

  test.each(documented)("$type: the spec's example parses from a string and from an object", ({ type, example }) => {
    expect(parseWebhook(JSON.stringify(example))).toEqual(example);
    expect(parseWebhook(example)).toEqual(example);
    expect(parseWebhook(example).webhook_type).toBe(type);
  });

  test.each(documented)("$type: removing any required field is an error naming it", ({ example, schema }) => {
    expect(schema.required.length).toBeGreaterThan(0);
    for (const field of schema.required as string[]) {
      const { [field]: _removed, ...rest } = example;
      expect(parseError(rest).field).toBe(field);
    }
  });

  test.each(documented)("$type: a field of the wrong type is an error naming it", ({ example, schema }) => {
    for (const [field, property] of Object.entries<Node>(schema.properties)) {
      const declared = property.$ref ? resolve(property.$ref) : property;
      const wrong = declared.type === "integer" ? String(example[field]) : 42;
      expect(parseError({ ...example, [field]: wrong }).field).toBe(field);
    }
  });

  test("string ids are not coerced; the message explains webhook ids are numbers", () => {
    const error = parseError({ msg: "x", customer_id: "123", webhook_type: "REPORT_AVAILABLE" });
    expect(error.field).toBe("customer_id");
    expect(error.message).toMatch(/numbers, unlike the string ids of the REST API/);
  });

  test("fractional and unsafe integers are rejected", () => {
    expect(parseError({ msg: "x", customer_id: 1.5, webhook_type: "REPORT_UPDATED" }).field).toBe("customer_id");
    expect(parseError({ msg: "x", customer_id: 2 ** 60, webhook_type: "REPORT_UPDATED" }).field).toBe("customer_id");
  });

  test("an unknown webhook_type is a typed error naming the field and the known types", () => {
    const error = parseError({ msg: "x", customer_id: 1, webhook_type: "PAYMENT_RECEIVED" });
    expect(error).toBeInstanceOf(PlankyError);
    expect(error.field).toBe("webhook_type");
    expect(error.message).toContain('"PAYMENT_RECEIVED"');
    expect(error.message).toContain("REPORT_AVAILABLE");
    expect(error.toJSON()).toMatchObject({ name: "WebhookParseError", field: "webhook_type" });
  });

  test("inherited names are not webhook types", () => {
    expect(parseError({ msg: "x", customer_id: 1, webhook_type: "toString" }).field).toBe("webhook_type");
  });

  test("a body that is not a JSON object is an error on `body`", () => {
    // The docs print payloads with single quotes; that text is not JSON and is rejected, not repaired.
    for (const body of ["{'msg': 'x'}", "", "[]", "null", "42", null, [], 42, undefined, new Uint8Array([0xff])]) {
      expect(parseError(body).field).toBe("body");
    }
  });

  test("a raw body as bytes (e.g. a Node Buffer) is decoded as UTF-8 and parsed", () => {
    const [first] = documented;
    expect(parseWebhook(Buffer.from(JSON.stringify(first?.example)))).toEqual(first?.example);
    expect(parseError(Buffer.from("{}")).field).toBe("webhook_type");
  });

  test("error messages describe values without echoing strings", () => {
    const error = parseError({ msg: "x", customer_id: "sk_live_secret", webhook_type: "REPORT_UPDATED" });
    expect(error.message).not.toContain("sk_live_secret");
    expect(JSON.stringify(error)).not.toContain("sk_live_secret");
  });

  test("fields Planky may add later are kept, not dropped", () => {
    const body = { msg: "x", customer_id: 1, webhook_type: "REPORT_AVAILABLE", report: "insights" };
    expect(parseWebhook(body)).toEqual(body);
  });

  test("the result is a discriminated union narrowed by webhook_type", () => {
    const payload = parseWebhook(JSON.stringify(documented.find((d) => d.type === "NEW_EVENT")?.example));
    expectTypeOf(payload).toEqualTypeOf<WebhookPayload>();
    if (payload.webhook_type !== "NEW_EVENT") throw new Error("expected NEW_EVENT");
    expectTypeOf(payload.event_id).toEqualTypeOf<number>();
    expect(payload.event_id).toBe(123);
    // @ts-expect-error account_id exists only on the ACCOUNT_* payloads.
    expect(payload.account_id).toBeUndefined();
  });
});
