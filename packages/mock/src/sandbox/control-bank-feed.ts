/**
 * Control calls for the data side of the journey: new transactions on a bank feed (with the `REPORT_UPDATED`
 * webhook), and each partition's sandbox clock, so a suite can rehearse a consent's day 91.
 */
import type { Problem } from "../schema-validator";
import { addTransactions, feedIsLive } from "./bank-feed";
import { findConsent } from "./consents";
import type { SandboxContext } from "./context";
import { badRequest, json, missing, notFound, readJsonObject } from "./responses";
import { advanceClock, clockNow } from "./sandbox-clock";
import type { DeliveryOptions } from "./webhook-delivery";
import { deliver, webhookPayload } from "./webhook-delivery";

/** More than this many at once would only make the sandbox slow; page through 10,000 and more with several calls. */
const MAX_NEW_TRANSACTIONS = 100_000;

/**
 * `POST /_sandbox/transactions {customer_id, bank_slug, count}`: `count` new transactions at that bank, dated now
 * (the partition's clock), then `REPORT_UPDATED`. Past the consent's `consent_reconfirmation_date` the feed does
 * not update (Planky: "We will not update bank feed data if we do not receive reconfirmation within each 90-day
 * period"): the answer says so, and nothing is added or sent.
 */
export async function addFeedTransactions(
  context: SandboxContext,
  request: Request,
  delivery: DeliveryOptions,
): Promise<Response> {
  const body = await readJsonObject(request);
  if (!body) return badRequest([{ in: "body", field: "", problem: "must be a JSON object" }]);
  const problems: Problem[] = [];
  const customerId = typeof body.customer_id === "number" ? String(body.customer_id) : body.customer_id;
  if (typeof customerId !== "string" || customerId === "") {
    problems.push({ in: "body", field: "customer_id", problem: "is required (string)" });
  }
  if (typeof body.bank_slug !== "string" || body.bank_slug === "") {
    problems.push({ in: "body", field: "bank_slug", problem: "is required (string), e.g. barclays" });
  }
  const count = body.count ?? 1;
  if (!Number.isSafeInteger(count) || (count as number) < 1 || (count as number) > MAX_NEW_TRANSACTIONS) {
    problems.push({ in: "body", field: "count", problem: `must be a whole number from 1 to ${MAX_NEW_TRANSACTIONS}` });
  }
  if (problems.length > 0) return badRequest(problems);
  const partition = context.state.partitionOfCustomer(customerId as string);
  if (!partition) return missing.customer(customerId);
  const consent = findConsent(partition, customerId as string, body.bank_slug as string);
  if (consent?.status !== "Authorised") {
    return notFound(`Customer ${customerId} has no authorised consent at ${body.bank_slug}: authorise one first`);
  }
  if (!feedIsLive(partition, consent)) {
    return json(200, {
      added: 0,
      deliveries: [],
      feed: "stopped",
      reason: `consent_reconfirmation_date (${consent.consent_reconfirmation_date}) has passed on the sandbox clock (${clockNow(partition)}): reconfirm the consent (POST …/consent/account/reconfirmation) and the feed updates again`,
    });
  }
  addTransactions(partition, consent, count as number);
  const { payload } = webhookPayload("REPORT_UPDATED", { customer_id: Number(customerId) });
  const deliveries = deliver(partition, payload, delivery);
  await context.save();
  return json(200, { added: count, deliveries, feed: "live" });
}

/**
 * `POST /_sandbox/clock {advance_days, client_id?}` moves the sandbox clock of one partition (or, without
 * `client_id`, of every partition that exists now) forward; `GET /_sandbox/clock?client_id=` reads it.
 */
export async function moveClock(context: SandboxContext, request: Request, fromQuery: string | undefined) {
  const body = await readJsonObject(request);
  if (!body) return badRequest([{ in: "body", field: "", problem: "must be a JSON object" }]);
  if (body.client_id !== undefined && typeof body.client_id !== "string") {
    return badRequest([{ in: "body", field: "client_id", problem: "must be a string" }]);
  }
  const clientId = fromQuery ?? body.client_id;
  const days = body.advance_days;
  if (typeof days !== "number" || !Number.isFinite(days) || days <= 0 || days > 3650) {
    return badRequest([{ in: "body", field: "advance_days", problem: "must be a number of days from 0 to 3650" }]);
  }
  const partitions = context.state.partitions().filter((p) => clientId === undefined || p.clientId === clientId);
  if (clientId !== undefined && partitions.length === 0) return notFound(`No partition for client id ${clientId}`);
  for (const partition of partitions) advanceClock(partition, Math.round(days * 24 * 3600));
  await context.save();
  return readClock(context, clientId);
}

export function readClock(context: SandboxContext, clientId: string | undefined): Response {
  const partitions = context.state.partitions().filter((p) => clientId === undefined || p.clientId === clientId);
  return json(200, {
    data: partitions.map((p) => ({
      client_id: p.clientId,
      now: clockNow(p),
      offset_seconds: p.data.clock.offset ?? 0,
    })),
  });
}
