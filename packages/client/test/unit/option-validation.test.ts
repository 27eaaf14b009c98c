/**
 * Header options that are not what the types say (plain JavaScript callers, values from config files): refused
 * with the option named, before anything is sent. Found by mutation testing.
 */
import { describe, expect, test } from "vitest";
import { PlankyValidationError } from "../../src/index";
import { json, stubClient } from "./stub-fetch";

const consent = { bankSlug: "barclays", customerToken: "cust-token-1" };

describe("headers", () => {
  test.each([
    ["a string", "headers", "x-trace: 1"],
    ["an array of pairs", "headers", [["x-trace", "1"]]],
    ["null", "headers", null],
    ["a number value", "headers.x-trace", { "x-trace": 1 }],
    ["an object value", "headers.x-trace", { "x-trace": { id: 1 } }],
  ])("per call, %s: PlankyValidationError naming %s, nothing sent", async (_name, field, headers) => {
    const s = stubClient({ api: () => json({}) });
    const error = await s.client.consents.getStatus(consent, { headers: headers as never }).catch((e) => e);
    expect(error).toBeInstanceOf(PlankyValidationError);
    expect(error.field).toBe(field);
    expect(s.requests).toHaveLength(0);
  });

  test.each([
    ["a string", "defaultHeaders", "x-trace: 1"],
    ["a number value", "defaultHeaders.x-trace", { "x-trace": 1 }],
  ])("defaultHeaders, %s: PlankyValidationError naming %s", (_name, field, defaultHeaders) => {
    expect(() => stubClient({ api: () => json({}), defaultHeaders: defaultHeaders as never })).toThrow(
      expect.objectContaining({ name: "PlankyValidationError", field }),
    );
  });
});
