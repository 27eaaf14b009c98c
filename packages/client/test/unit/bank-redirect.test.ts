/**
 * `parseBankRedirect()`: the documented query parameters of the return from the bank, trusted only when `state` is
 * the one `createBankFlowUrl()` returned.
 */
import { describe, expect, test } from "vitest";
import { BankRedirectError, BankRedirectStateError, PlankyValidationError, parseBankRedirect } from "../../src/webflow";

const STATE = "8d3f2a";
const returnUrl = (params: Record<string, string>) =>
  `https://app.example.com/planky/return?${new URLSearchParams(params)}`;
const success = {
  status: "Success",
  customer_id: "1001",
  consent_id: "consent-7",
  state: STATE,
  bank_slug: "barclays",
};

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("parseBankRedirect()", () => {
  test("reads every documented parameter of a successful return", () => {
    expect(parseBankRedirect(returnUrl(success), { state: STATE })).toEqual(success);
  });

  test("accepts a URL object and returns an Error status with its message instead of throwing", () => {
    const url = new URL(returnUrl({ ...success, status: "Error", message: "Customer cancelled" }));
    expect(parseBankRedirect(url, { state: STATE })).toEqual({
      ...success,
      status: "Error",
      message: "Customer cancelled",
    });
  });

  test.each([
    ["missing", returnUrl({ ...success, state: "" })],
    ["absent", returnUrl(Object.fromEntries(Object.entries(success).filter(([k]) => k !== "state")))],
    ["different (forged or replayed)", returnUrl({ ...success, state: "0000" })],
    ["repeated", `${returnUrl(success)}&state=${STATE}`],
  ])("a state that is %s throws BankRedirectStateError naming state, without echoing it", (_case, url) => {
    const error = thrown(() => parseBankRedirect(url, { state: STATE }));
    expect(error).toBeInstanceOf(BankRedirectStateError);
    expect(error).toBeInstanceOf(BankRedirectError);
    expect(error).toMatchObject({ field: "state", name: "BankRedirectStateError" });
    expect(String((error as Error).message)).not.toContain(STATE);
    expect((error as BankRedirectError).toJSON()).toMatchObject({ field: "state" });
  });

  test("checks state before anything else: a forged return with a bad status is a state error", () => {
    const error = thrown(() =>
      parseBankRedirect(returnUrl({ ...success, state: "x", status: "??" }), { state: STATE }),
    );
    expect(error).toBeInstanceOf(BankRedirectStateError);
  });

  test.each(["status", "customer_id", "consent_id", "bank_slug"])(
    "a missing %s throws BankRedirectError naming it",
    (field) => {
      const params = Object.fromEntries(Object.entries(success).filter(([k]) => k !== field));
      const error = thrown(() => parseBankRedirect(returnUrl(params), { state: STATE }));
      expect(error).toBeInstanceOf(BankRedirectError);
      expect(error).not.toBeInstanceOf(BankRedirectStateError);
      expect(error).toMatchObject({ field });
    },
  );

  test("a status other than Success or Error, or a repeated parameter, names the field", () => {
    expect(
      thrown(() => parseBankRedirect(returnUrl({ ...success, status: "success" }), { state: STATE })),
    ).toMatchObject({ name: "BankRedirectError", field: "status" });
    expect(thrown(() => parseBankRedirect(`${returnUrl(success)}&consent_id=other`, { state: STATE }))).toMatchObject({
      field: "consent_id",
    });
  });

  test("a relative URL is a BankRedirectError naming url; a missing expected state is the caller's error", () => {
    expect(thrown(() => parseBankRedirect("/planky/return?status=Success", { state: STATE }))).toMatchObject({
      name: "BankRedirectError",
      field: "url",
    });
    expect(thrown(() => parseBankRedirect(returnUrl(success), { state: "" }))).toBeInstanceOf(PlankyValidationError);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    expect(thrown(() => parseBankRedirect(returnUrl(success), undefined as any))).toMatchObject({ field: "options" });
  });

  test("the messages say which field and what is wrong, and never repeat a value from the URL", () => {
    const message = (url: string, state = STATE) => (thrown(() => parseBankRedirect(url, { state })) as Error).message;
    expect(message(returnUrl({ ...success, state: "" }))).toBe('Invalid return from the bank: "state" is missing');
    const withoutState = returnUrl(Object.fromEntries(Object.entries(success).filter(([k]) => k !== "state")));
    expect(message(withoutState)).toBe('Invalid return from the bank: "state" is missing');
    expect(message(returnUrl({ ...success, state: "forged" }))).toBe(
      'Invalid return from the bank: "state" does not match the state createBankFlowUrl() returned',
    );
    expect(message(`${returnUrl(success)}&state=${STATE}`)).toBe(
      'Invalid return from the bank: "state" appears more than once',
    );
    expect(message(`${returnUrl(success)}&bank_slug=other`)).toBe(
      'Invalid return from the bank: "bank_slug" appears more than once',
    );
    expect(message(returnUrl({ ...success, customer_id: "" }))).toBe(
      'Invalid return from the bank: "customer_id" is missing',
    );
    expect(message(returnUrl({ ...success, status: "success" }))).toBe(
      'Invalid return from the bank: "status" is not "Success" or "Error"',
    );
    expect(message("planky/return")).toBe('Invalid return from the bank: "url" is not an absolute URL');
  });

  test.each(["customer_id", "consent_id", "bank_slug", "status"])("an empty %s is missing, not accepted", (field) => {
    const error = thrown(() => parseBankRedirect(returnUrl({ ...success, [field]: "" }), { state: STATE }));
    expect(error).toBeInstanceOf(BankRedirectError);
    expect(error).toMatchObject({ field, message: `Invalid return from the bank: "${field}" is missing` });
  });

  test("no message, or an empty one, leaves message out of the result (not undefined, not empty)", () => {
    const withoutMessage = parseBankRedirect(returnUrl(success), { state: STATE });
    expect(Object.keys(withoutMessage)).not.toContain("message");
    const emptyMessage = parseBankRedirect(returnUrl({ ...success, status: "Error", message: "" }), { state: STATE });
    expect(Object.keys(emptyMessage)).not.toContain("message");
    expect(emptyMessage.status).toBe("Error");
  });

  test.each([
    ["null options", null, "options", "expected { state } (from createBankFlowUrl())"],
    [
      "a state that is not a string",
      { state: 8_003_242 },
      "state",
      "expected the non-empty state that createBankFlowUrl() returned",
    ],
    ["an empty state", { state: "" }, "state", "expected the non-empty state that createBankFlowUrl() returned"],
  ])(
    "%s is the caller's PlankyValidationError naming the option, before the URL is read",
    (_case, options, field, problem) => {
      // The URL's own state is absent: the caller's mistake is reported, not the return's.
      const url = returnUrl(Object.fromEntries(Object.entries(success).filter(([k]) => k !== "state")));
      const error = thrown(() => parseBankRedirect(url, options as never));
      expect(error).toBeInstanceOf(PlankyValidationError);
      expect(error).not.toBeInstanceOf(BankRedirectError);
      expect(error).toMatchObject({ field });
      expect((error as Error).message).toBe(`Invalid "${field}": ${problem}`);
    },
  );
});
