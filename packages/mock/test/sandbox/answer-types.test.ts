/**
 * The handlers' answers are typed from the spec (`HandlerArgs<Id>["answer"]`, see routes.ts): a status the spec does
 * not declare for the operation, or a body of the wrong shape, does not compile. The `@ts-expect-error` lines are
 * the test (`pnpm typecheck` fails when one of them compiles); the runtime part checks the answer is the JSON sent.
 */
import { describe, expect, test } from "vitest";
import { answerJson, type HandlerArgs } from "../../src/sandbox/api/routes";

describe("answer(status, body) takes what the spec declares", () => {
  test("a declared status with the schema's shape compiles and answers that JSON", async () => {
    const answer: HandlerArgs<"createCustomerToken">["answer"] = answerJson;
    const response = answer(200, { token: "t" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ token: "t" });
  });

  test("a wrong body, a wrong status or a missing field does not compile", () => {
    const answer: HandlerArgs<"createCustomerToken">["answer"] = answerJson;
    const customers: HandlerArgs<"listCustomers">["answer"] = answerJson;
    // @ts-expect-error the customer token is `{ token }`, not `{ tokn }`
    answer(200, { tokn: "t" });
    // @ts-expect-error answer() is for the spec's success answers (errors are ../http/responses' helpers)
    answer(404, { token: "t" });
    // @ts-expect-error a customer needs its user_reference
    customers(200, { data: [{ id: "1" }] });
    expect(customers(200, { data: [] }).status).toBe(200);
  });

  test("path parameters are the operation's, by name", () => {
    const path: HandlerArgs<"getBankConsent">["path"] = { customer_id: "1", bank_slug: "barclays" };
    // @ts-expect-error getBankConsent has no invitation_id
    const wrong: HandlerArgs<"getBankConsent">["path"] = { customer_id: "1", invitation_id: "2" };
    expect([path.bank_slug, wrong.customer_id]).toEqual(["barclays", "1"]);
  });
});
