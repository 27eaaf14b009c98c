/**
 * What `parseWebhook` says when it refuses a body: the field, and a description of the value that never quotes
 * a string (a webhook body can carry anything). Found by mutation testing: these paths had no exact assertion.
 */
import { describe, expect, test } from "vitest";
import { parseWebhook, WebhookParseError } from "../../src/index";

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
