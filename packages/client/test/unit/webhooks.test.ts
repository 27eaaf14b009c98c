/**
 * Webhooks: `parseWebhook` accepts every documented payload and says what is wrong with any other.
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

describe("what the error says", () => {
  const valid = { msg: "Report ready", customer_id: 7, webhook_type: "REPORT_AVAILABLE" };

  function parseError(body: unknown): WebhookParseError {
    try {
      parseWebhook(body);
    } catch (error) {
      if (error instanceof WebhookParseError) return error;
      throw error;
    }
    throw new Error("parseWebhook accepted the body");
  }

  describe("the message describes the wrong value by kind", () => {
    test.each([
      ["missing", undefined, "got nothing (missing)"],
      ["null", null, "got null"],
      ["an array", [7], "got an array"],
      ["a fraction", 7.5, "got the number 7.5"],
      ["not finite", Number.POSITIVE_INFINITY, "got Infinity"],
      ["a boolean", true, "got a boolean"],
      ["an object", { id: 7 }, "got a object"],
    ])("customer_id %s: %s", (_name, value, description) => {
      const error = parseError({ ...valid, customer_id: value });
      expect(error.field).toBe("customer_id");
      expect(error.message).toBe(`Invalid webhook payload: "customer_id" must be an integer, ${description}`);
    });

    test("a string id gets the hint that webhook ids are numbers; other kinds do not", () => {
      expect(parseError({ ...valid, customer_id: "7" }).message).toBe(
        'Invalid webhook payload: "customer_id" must be an integer, got a string (webhook ids are numbers, unlike the string ids of the REST API)',
      );
      expect(parseError({ ...valid, customer_id: null }).message).not.toContain("webhook ids are numbers");
    });

    test("msg and webhook_type name their own field", () => {
      expect(parseError({ ...valid, msg: 5 }).message).toBe(
        'Invalid webhook payload: "msg" must be a string, got the number 5',
      );
      expect(parseError({ ...valid, webhook_type: null }).message).toBe(
        'Invalid webhook payload: "webhook_type" must be a string, got null',
      );
      expect(parseError([valid]).message).toBe('Invalid webhook payload: "body" must be a JSON object, got an array');
    });
  });

  describe("the body as text or bytes", () => {
    test("text that is not JSON says so (not 'must be a JSON object, got a string')", () => {
      const error = parseError("{'msg': 'x'}");
      expect(error.field).toBe("body");
      expect(error.message).toBe('Invalid webhook payload: "body" is not valid JSON');
    });

    test("bytes that are not UTF-8 are refused, even inside an otherwise valid JSON string", () => {
      const json = new TextEncoder().encode(JSON.stringify({ ...valid, msg: "#" }));
      json[json.indexOf("#".charCodeAt(0))] = 0xff; // a lone byte that starts no UTF-8 sequence
      const error = parseError(json);
      expect(error.field).toBe("body");
      expect(error.message).toBe('Invalid webhook payload: "body" is not valid UTF-8');
    });

    test("an ArrayBuffer is read like a Uint8Array", () => {
      const bytes = new TextEncoder().encode(JSON.stringify(valid));
      expect(parseWebhook(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))).toEqual(valid);
    });

    test("an unknown webhook_type is quoted at most 80 characters long", () => {
      const error = parseError({ ...valid, webhook_type: `X${"y".repeat(500)}` });
      expect(error.field).toBe("webhook_type");
      expect(error.message).toContain(`"X${"y".repeat(79)}"`);
      expect(error.message).not.toContain("y".repeat(80));
    });
  });
});
