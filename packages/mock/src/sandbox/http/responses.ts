/** JSON answers in the shapes the spec allows. Planky publishes no error body; `{ message, errors }` is ours. */
import { isRecord } from "../../is-record";
import type { Problem } from "../../schema-validator";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A 400 naming each offending field: `{ message, errors: [{ in, field, problem }] }`. */
export function badRequest(problems: Problem[]): Response {
  const message = problems.map((p) => `${p.in}${p.field ? ` ${p.field}` : ""} ${p.problem}`).join("; ");
  return json(400, { message, errors: problems });
}

export function unauthorized(message: string): Response {
  return json(401, { message });
}

export function notFound(message: string): Response {
  return json(404, { message });
}

/** The sandbox's 404s for a missing customer, bank or consent: one wording each, whichever operation meets it. */
export const missing = {
  customer: (customerId: unknown) => notFound(`No customer with id ${customerId}`),
  bank: (bankSlug: unknown) => notFound(`No bank ${bankSlug} in the sandbox (see GET /public/v3/webflow/banks)`),
  consent: (customerId: unknown, bankSlug: unknown) => notFound(`Customer ${customerId} has no consent at ${bankSlug}`),
};

/** Reads a JSON object body; `undefined` when it is missing or not an object (the caller answers 400). */
export async function readJsonObject(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text();
  if (text === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
