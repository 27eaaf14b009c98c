// Survivors of `pnpm mutation` that need no test, each with one line of why; MUTATION.md shows them under
// "Judged equivalent" (or "Message wording only" with kind "wording"). A note matches a surviving mutant by file,
// mutator name and a piece of the mutated line (`code`); a note that matches nothing is listed in MUTATION.md.
const client = (path) => `packages/client/src/${path}`;
const sandbox = (path) => `packages/mock/src/sandbox/${path}`;
const mock = (path) => `packages/mock/src/${path}`;

/** @type {{ file: string, mutator: string, code: string, why: string, kind?: "wording" }[]} */
export const notes = [
  // --- client: the request loop
  {
    file: client("internal/request.ts"),
    mutator: "ConditionalExpression",
    code: 'call.auth === "none"',
    why: 'only the server client makes `auth: "none"` calls, and it has no customer-token source to fall back to',
  },
  {
    file: client("internal/request.ts"),
    mutator: "ConditionalExpression",
    code: "call.customerToken !== undefined",
    why: "a call carries its own customer token only on the server client, which has no customer-token source",
  },
  {
    file: client("internal/request.ts"),
    mutator: "ConditionalExpression",
    code: "if (signal?.aborted) throw userAbort();",
    why: "one of three abort checks (before the loop, before the token wait, before the attempt); the others and the interrupt of each wait catch the same abort",
  },
  {
    file: client("internal/request.ts"),
    mutator: "ConditionalExpression",
    code: "if (call.redirect)",
    why: "setting `redirect: undefined` on the other calls is fetch's default",
  },
  {
    file: client("internal/request.ts"),
    mutator: "StringLiteral",
    code: 'NOT_SENT_CODES.includes(errorCode(error) ?? "")',
    why: "no error code is the mutant's placeholder string, so the lookup fails the same way",
  },
  {
    file: client("internal/request.ts"),
    mutator: "ConditionalExpression",
    code: "if (started)",
    why: "`started` is falsy only without a logger, and then `log()` does nothing anyway",
  },
  {
    file: client("internal/request.ts"),
    mutator: "ConditionalExpression",
    code: "if (source && token === undefined) {",
    why: "always asking `get()` returns the same ready token; the check only skips an await",
  },
  {
    file: client("internal/request.ts"),
    mutator: "MethodExpression",
    code: 'secrets.filter((secret) => secret !== "")',
    why: "`redact` skips empty secrets itself (tested), so the filter only saves work",
  },
  {
    file: client("internal/request.ts"),
    mutator: "ConditionalExpression",
    code: 'secret !== ""',
    why: "as above: `redact` skips empty secrets itself",
  },
  {
    file: client("internal/request.ts"),
    mutator: "StringLiteral",
    code: 'secrets.filter((secret) => secret !== "")',
    why: "as above: `redact` skips empty secrets itself",
  },
  // --- client: the attempt clock
  {
    file: client("internal/attempt-clock.ts"),
    mutator: "EqualityOperator",
    code: "deadline.at < next",
    why: "finding the earliest deadline: on a tie `<=` picks an equal value, so the timer is armed for the same instant",
  },
  // --- client: credentials and tokens
  {
    file: client("internal/client-credentials.ts"),
    mutator: "EqualityOperator",
    code: 'typeof body.expires_in === "number" && body.expires_in > 0',
    why: "an `expires_in` of 0 reaches `TokenCache`, which treats a non-positive lifetime as none (same result)",
  },
  {
    file: client("internal/client-credentials.ts"),
    mutator: "ConditionalExpression",
    code: 'typeof body.expires_in === "number" && body.expires_in > 0',
    why: "a non-positive number reaches `TokenCache`, which treats it as no lifetime (same result); non-numbers are tested",
  },
  {
    file: client("internal/client-credentials.ts"),
    mutator: "ConditionalExpression",
    code: "if (status >= 300 && status < 400)",
    why: "only non-2xx answers get here, so `status >= 300` always holds",
  },
  {
    file: client("internal/tokens.ts"),
    mutator: "ConditionalExpression",
    code: "if (this.#token === undefined || now >= this.#expiresAt)",
    why: "without a token `#expiresAt` is 0 (initially and after `invalidate`), so the clock check alone gives the same answer",
  },
  {
    file: client("internal/tokens.ts"),
    mutator: "ConditionalExpression",
    code: "this.#inflight === undefined",
    why: "`#refresh()` returns the request already in flight, so a second background refresh cannot start",
  },
  {
    file: client("internal/tokens.ts"),
    mutator: "ConditionalExpression",
    code: "!(expiresIn > 0)",
    why: "the client-credentials request passes only a positive `expires_in` or none (tested there)",
  },
  {
    file: client("internal/tokens.ts"),
    mutator: "EqualityOperator",
    code: "!(expiresIn > 0)",
    why: "the client-credentials request passes only a positive `expires_in` or none (tested there)",
  },
  // --- client: raw, resources, entries
  {
    file: client("internal/raw.ts"),
    mutator: "ConditionalExpression",
    code: "headers === undefined ? undefined : mergeHeaders",
    why: "`mergeHeaders(undefined)` is an empty `Headers`, which the loop treats like no headers",
  },
  {
    file: client("resources/consents.ts"),
    mutator: "OptionalChaining",
    code: "params?.customerToken",
    why: "`params?.bankSlug` is checked first and throws the PlankyValidationError when `params` is missing",
  },
  {
    file: client("resources/customers.ts"),
    mutator: "OptionalChaining",
    code: "params?.bankSlug",
    why: "`params?.customerId` is checked first and throws the PlankyValidationError when `params` is missing",
  },
  {
    file: client("webflow.ts"),
    mutator: "ArrayDeclaration",
    code: 'typeof customerToken === "string" ? customerToken : ""',
    why: "every webflow call redacts the token it sent anyway; the up-front list only repeats it",
  },
  {
    file: client("webflow.ts"),
    mutator: "StringLiteral",
    code: 'typeof customerToken === "string" ? customerToken : ""',
    why: "the placeholder would only be redacted where it never appears",
  },
  {
    file: client("client.ts"),
    mutator: "StringLiteral",
    code: 'typeof accessToken === "string" ? accessToken : ""',
    why: "the placeholder would only be redacted where it never appears",
  },
  // --- message wording the automatic rule does not see (a message built outside the error's constructor)
  {
    file: client("internal/request.ts"),
    mutator: "StringLiteral",
    code: "const what = `",
    why: "the `METHOD /path returned HTTP n with` prefix of InvalidResponseError messages",
    kind: "wording",
  },
  // --- mock: the sandbox's control API
  ...["/^GET \\/_sandbox\\/bank\\/", "/^GET \\/_sandbox\\/banks\\/", "/^GET \\/_sandbox\\/invitations\\/"].map(
    (code) => ({
      file: sandbox("control-api.ts"),
      mutator: "Regex",
      code,
      why: "dropping `^` only matters for a method ending in GET (e.g. XGET), which the front server refuses with 405 before the control API",
    }),
  ),
  ...["bankPage[1] ??", "logo[1] ??", "invitation[1] ??"].map((code) => ({
    file: sandbox("control-api.ts"),
    mutator: "StringLiteral",
    code,
    why: 'the pattern\'s group always captures one or more characters, so the `?? ""` fallback never runs',
  })),
  {
    file: sandbox("control-api.ts"),
    mutator: "ConditionalExpression",
    code: 'fromQuery === null ? "body" : "query"',
    why: "a query value is always a string, so a client_id that is not a string can only come from the body",
  },
  {
    file: sandbox("control-api.ts"),
    mutator: "ConditionalExpression",
    code: "clientId === undefined ? {} : { client_id: clientId }",
    why: "`client_id: undefined` is dropped when the answer is serialized, so both spellings send the same JSON",
  },
  {
    file: sandbox("control-api.ts"),
    mutator: "ConditionalExpression",
    code: 'typeof value === "number" && Number.isInteger(value)',
    why: "Number.isInteger is false for every value that is not a number, so the typeof test adds nothing",
  },
  // --- mock: the MSW handlers' replies
  {
    file: mock("reply.ts"),
    mutator: "StringLiteral",
    code: 'reply.example ?? ""',
    why: "inside `if (reply.example !== undefined)`: the fallback is never used",
  },
  {
    file: mock("reply.ts"),
    mutator: "MethodExpression",
    code: "Object.keys(op.responses)",
    why: "status codes are integer-like keys, which JavaScript already lists in ascending order: the sort changes nothing",
  },
];
