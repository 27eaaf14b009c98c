/**
 * The control API under `/_sandbox/`: not part of Planky's API, so Prism never sees it. It moves the flow along
 * the way a customer and a bank would (a consent is authorised, revoked) and triggers the webhooks that implies.
 */
import type { WebhookType } from "../generated/spec";
import type { Problem } from "../schema-validator";
import type { SandboxContext } from "./context";
import { badRequest, json, notFound, readJsonObject } from "./responses";
import { CONSENT_STATUSES, type ConsentStatusValue, type Delivery, nextId, type StoredConsent, unixNow } from "./state";
import { deliver, WEBHOOK_TYPES, webhookPayload } from "./webhook-delivery";

/** The permissions in the docs' consent-status example (UK Open Banking codes); Planky documents no fixed list. */
const PERMISSIONS = [
  "ReadAccountsBasic",
  "ReadAccountsDetail",
  "ReadBalances",
  "ReadBeneficiariesBasic",
  "ReadBeneficiariesDetail",
  "ReadDirectDebits",
  "ReadTransactionsCredits",
  "ReadTransactionsDebits",
  "ReadTransactionsDetail",
];
const DAY = 24 * 3600;

export const CONTROL_PREFIX = "/_sandbox/";

export async function handleControlRequest(context: SandboxContext, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const route = `${request.method} ${pathname.replace(/\/+$/, "")}`;
  if (route === "POST /_sandbox/consents") return setConsent(context, request);
  if (route === "POST /_sandbox/webhooks") return sendWebhook(context, request);
  if (route === "GET /_sandbox/webhooks/deliveries") return json(200, { data: context.state.deliveries });
  if (route === "POST /_sandbox/reset") {
    await context.store.reset();
    return json(200, { reset: true });
  }
  // A receiver that accepts any webhook, for trying the flow without writing one (e.g. the Arazzo workflow).
  if (route === "POST /_sandbox/receiver") return new Response(null, { status: 204 });
  const invitation = /^GET \/_sandbox\/invitations\/([^/]+)$/.exec(route);
  if (invitation) {
    const found = context.state.invitations.find((i) => i.id === decodeURIComponent(invitation[1] ?? ""));
    return found ? json(200, found) : notFound("No such invitation");
  }
  return notFound(`The control API has no ${route}. See the @planky-kit/mock README.`);
}

/** Sets (or creates) one consent's status and delivers the webhooks that transition implies. */
async function setConsent(context: SandboxContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request);
  if (!body) return badRequest([{ in: "body", field: "", problem: "must be a JSON object" }]);
  const problems: Problem[] = [];
  const customerId = customerIdOf(body.customer_id);
  if (customerId === undefined) problems.push({ in: "body", field: "customer_id", problem: "is required (string)" });
  if (typeof body.bank_slug !== "string" || body.bank_slug === "") {
    problems.push({ in: "body", field: "bank_slug", problem: "is required (string), e.g. barclays" });
  }
  if (!CONSENT_STATUSES.includes(body.status as ConsentStatusValue)) {
    problems.push({ in: "body", field: "status", problem: `must be one of ${JSON.stringify(CONSENT_STATUSES)}` });
  }
  if (problems.length > 0) return badRequest(problems);
  const state = context.state;
  if (!state.customers.some((c) => c.id === customerId)) return notFound(`No customer with id ${customerId}`);

  const bankSlug = body.bank_slug as string;
  const status = body.status as ConsentStatusValue;
  const now = unixNow();
  let consent = state.consents.find((c) => c.customer_id === customerId && c.bank_slug === bankSlug);
  const previous = consent?.status;
  if (!consent) {
    consent = newConsent(nextId(state), customerId as string, bankSlug, now);
    state.consents.push(consent);
  }
  if (previous !== status) {
    consent.status = status;
    consent.status_update_date_time = now;
  }

  const deliveries: Delivery[] = [];
  const customerNumber = Number(customerId);
  if (status === "Authorised" && !state.reportsAvailable.includes(customerId as string)) {
    state.reportsAvailable.push(customerId as string);
    const { payload } = webhookPayload("REPORT_AVAILABLE", { customer_id: customerNumber });
    deliveries.push(...(await deliver(state, payload)));
  }
  if (status === "Revoked" && previous === "Authorised") {
    const { payload } = webhookPayload("ACCOUNT_AUTHORIZATION_LOST", {
      customer_id: customerNumber,
      account_id: consent.account_id,
    });
    deliveries.push(...(await deliver(state, payload)));
  }
  await context.save();
  const { customer_id: _c, bank_slug: _b, account_id: _a, ...consentStatus } = consent;
  return json(200, { consent: consentStatus, deliveries });
}

function newConsent(id: number, customerId: string, bankSlug: string, now: number): StoredConsent {
  return {
    customer_id: customerId,
    bank_slug: bankSlug,
    account_id: id,
    consent_id: `sandbox-consent-${id}`,
    creation_date_time: now,
    status: "AwaitingAuthorisation",
    status_update_date_time: now,
    permissions: [...PERMISSIONS],
    expiration_date_time: null,
    // "By default Planky tries to pull 5 years of data" (docs).
    transaction_from_date_time: now - 5 * 365 * DAY,
    transaction_to_date_time: now + 90 * DAY,
  };
}

/** Delivers one webhook of any type now: `{ webhook_type, customer_id, ...other payload fields }`. */
async function sendWebhook(context: SandboxContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request);
  if (!body) return badRequest([{ in: "body", field: "", problem: "must be a JSON object" }]);
  const type = body.webhook_type as WebhookType;
  if (!WEBHOOK_TYPES.includes(type)) {
    return badRequest([
      { in: "body", field: "webhook_type", problem: `must be one of ${JSON.stringify(WEBHOOK_TYPES)}` },
    ]);
  }
  const customerId = customerIdOf(body.customer_id);
  if (customerId === undefined) return badRequest([{ in: "body", field: "customer_id", problem: "is required" }]);
  if (!context.state.customers.some((c) => c.id === customerId)) return notFound(`No customer with id ${customerId}`);
  const { payload, problems } = webhookPayload(type, { ...body, customer_id: Number(customerId) });
  if (problems.length > 0) return badRequest(problems);
  const deliveries = await deliver(context.state, payload);
  await context.save();
  return json(200, { deliveries });
}

/** The REST API's customer id is a string and the webhooks' a number: accept either. */
function customerIdOf(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}
