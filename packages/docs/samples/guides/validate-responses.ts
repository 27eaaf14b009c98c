// Opt-in: check every answer against the spec this client was
// built from. "warn": a mismatch goes to the logger and the
// call resolves as before; "throw": the call rejects with
// ResponseValidationError instead.
import { createPlankyClient } from "@planky-kit/client";
import { responseValidator } from "@planky-kit/client/validate";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
  validateResponses: responseValidator("warn"),
  logger: (event) => {
    if (event.type === "response_mismatch") {
      // Paths and expectations only: no value from the answer.
      console.warn("Planky's answer differs from the spec:", event.operationId, event.status, event.violations);
    }
  },
});

const customers = await planky.customers.findByUserReference({ userReference: "user-42" });
console.log("customers found:", customers.length);
