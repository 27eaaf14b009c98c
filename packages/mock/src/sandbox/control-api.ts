/**
 * The control API under `/_sandbox/`: not part of Planky's API, so Prism never sees it. It moves the flow along
 * the way a customer and a bank would (a consent is authorised, revoked) and triggers the webhooks that implies.
 */
import type { WebhookType } from "../generated/spec";
import type { Problem } from "../schema-validator";
import { findBank, logoOf } from "./banks";
import { changeConsentStatus, consentStatusOf, findConsent, openConsent } from "./consents";
import type { SandboxContext } from "./context";
import { addFeedTransactions, moveClock, readClock } from "./control-bank-feed";
import { badRequest, json, notFound, readJsonObject } from "./responses";
import { CONSENT_STATUSES, type ConsentStatusValue } from "./state";
import { type DeliveryOptions, deliver, settled, WEBHOOK_TYPES, webhookPayload } from "./webhook-delivery";

export const CONTROL_PREFIX = "/_sandbox/";

export async function handleControlRequest(context: SandboxContext, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const route = `${request.method} ${pathname.replace(/\/+$/, "")}`;
  if (route === "POST /_sandbox/consents") return setConsent(context, request);
  if (route === "POST /_sandbox/webhooks") return sendWebhook(context, request);
  if (route === "GET /_sandbox/webhooks/deliveries") return listDeliveries(context, request);
  if (route === "POST /_sandbox/reset") return reset(context, request);
  if (route === "POST /_sandbox/faults") return armFault(context, request);
  if (route === "GET /_sandbox/faults" || route === "DELETE /_sandbox/faults") {
    const clientId = clientIdOf(request, undefined);
    if (clientId instanceof Response) return clientId;
    if (request.method === "GET") return json(200, { data: context.faults.list(clientId) });
    return json(200, { cleared: context.faults.clear(clientId) });
  }
  if (route === "POST /_sandbox/transactions") return addFeedTransactions(context, request, deliveryOptions(context));
  if (route === "POST /_sandbox/clock" || route === "GET /_sandbox/clock") {
    const clientId = clientIdOf(request, undefined);
    if (clientId instanceof Response) return clientId;
    return request.method === "GET" ? readClock(context, clientId) : moveClock(context, request, clientId);
  }
  // A receiver that accepts any webhook, for trying the flow without writing one (e.g. the Arazzo workflow).
  if (route === "POST /_sandbox/receiver") return new Response(null, { status: 204 });
  // A stand-in for your app's return page (register it as an allowed redirect URL): echoes what the bank sent back.
  if (route === "GET /_sandbox/return") return returnPage(request);
  const bankPage = /^GET \/_sandbox\/bank\/([^/]+)$/.exec(route);
  if (bankPage) return bankDecision(context, request, decodeURIComponent(bankPage[1] ?? ""));
  const logo = /^GET \/_sandbox\/banks\/([^/]+)\/logo\.svg$/.exec(route);
  const bank = logo ? findBank(decodeURIComponent(logo[1] ?? "")) : undefined;
  if (bank) return new Response(logoOf(bank), { headers: { "content-type": "image/svg+xml" } });
  const invitation = /^GET \/_sandbox\/invitations\/([^/]+)$/.exec(route);
  if (invitation) {
    const id = decodeURIComponent(invitation[1] ?? "");
    const found = context.state.partitions().find((p) => p.data.invitations[id])?.data.invitations[id];
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
  const partition = context.state.partitionOfCustomer(customerId as string);
  if (!partition) return notFound(`No customer with id ${customerId}`);

  const bankSlug = body.bank_slug as string;
  if (!findBank(bankSlug)) return notFound(`No bank ${bankSlug} in the sandbox (see GET /public/v3/webflow/banks)`);
  const consent =
    findConsent(partition, customerId as string, bankSlug) ?? openConsent(partition, customerId as string, bankSlug);
  const deliveries = changeConsentStatus(
    partition,
    consent,
    body.status as ConsentStatusValue,
    deliveryOptions(context),
  );
  await context.save();
  return json(200, { consent: consentStatusOf(consent), deliveries });
}

/** Echoes the query parameters the bank sent the customer back with (`400` without any). */
function returnPage(request: Request): Response {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (Object.keys(query).length === 0) {
    return badRequest([
      { in: "query", field: "status", problem: "is missing: this page expects the bank's parameters" },
    ]);
  }
  return json(200, query);
}

/**
 * The simulated bank at the end of a bank flow URL (`createBankFlowUrl`): the customer "authorises" (or, with
 * `?result=Rejected`, declines), and is sent back to the redirect URL with the documented query parameters.
 */
async function bankDecision(context: SandboxContext, request: Request, consentId: string): Promise<Response> {
  const partition = context.state.partitionOfConsent(consentId);
  const consent = partition?.data.consents[consentId];
  if (!partition || !consent?.flow) return notFound("No bank flow for this consent: create one with createBankFlowUrl");
  const result = new URL(request.url).searchParams.get("result") ?? "Authorised";
  if (result !== "Authorised" && result !== "Rejected") {
    return badRequest([{ in: "query", field: "result", problem: 'must be "Authorised" or "Rejected"' }]);
  }
  changeConsentStatus(partition, consent, result, deliveryOptions(context));
  const back = new URL(consent.flow.redirect_url);
  back.searchParams.set("status", result === "Authorised" ? "Success" : "Error");
  if (result === "Rejected") back.searchParams.set("message", "The customer declined at the bank (sandbox)");
  back.searchParams.set("customer_id", consent.customer_id);
  back.searchParams.set("consent_id", consent.consent_id);
  back.searchParams.set("state", consent.flow.state);
  back.searchParams.set("bank_slug", consent.bank_slug);
  await context.save();
  return new Response(null, { status: 302, headers: { location: back.href } });
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
  const partition = context.state.partitionOfCustomer(customerId);
  if (!partition) return notFound(`No customer with id ${customerId}`);
  const { payload, problems } = webhookPayload(type, { ...body, customer_id: Number(customerId) });
  if (problems.length > 0) return badRequest(problems);
  const deliveries = deliver(partition, payload, deliveryOptions(context));
  await context.save();
  return json(200, { deliveries });
}

/**
 * The client id a control call is about: `?client_id=` or the body's `client_id`. `undefined` when neither is
 * given (the call is about every partition); a `Response` (400) when it is not a string.
 */
export function clientIdOf(request: Request, body: Record<string, unknown> | undefined): string | undefined | Response {
  const fromQuery = new URL(request.url).searchParams.get("client_id");
  const value = fromQuery ?? body?.client_id;
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    return badRequest([{ in: fromQuery === null ? "body" : "query", field: "client_id", problem: "must be a string" }]);
  }
  return value;
}

/** Forgets one client id's partition (`{"client_id": …}` or `?client_id=`), or everything. */
async function reset(context: SandboxContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request);
  if (!body) return badRequest([{ in: "body", field: "", problem: "must be a JSON object (or empty)" }]);
  const clientId = clientIdOf(request, body);
  if (clientId instanceof Response) return clientId;
  context.faults.clear(clientId);
  await context.store.reset(clientId);
  return json(200, { reset: true, ...(clientId === undefined ? {} : { client_id: clientId }) });
}

/** Arms a fault (see `faults.ts`): 200 `{ fault }`, or 400 naming each wrong field. */
async function armFault(context: SandboxContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request);
  if (!body) return badRequest([{ in: "body", field: "", problem: "must be a JSON object" }]);
  const armed = context.faults.arm(body);
  return "problems" in armed ? badRequest(armed.problems) : json(200, { fault: armed.fault });
}

/**
 * Every delivery, oldest first; with `?client_id=` only that partition's, with `?customer_id=` only those whose
 * payload names that customer (number or text alike), with `?webhook_type=` only that type.
 */
async function listDeliveries(context: SandboxContext, request: Request): Promise<Response> {
  const clientId = clientIdOf(request, undefined);
  if (clientId instanceof Response) return clientId;
  const query = new URL(request.url).searchParams;
  const customerId = query.get("customer_id");
  const webhookType = query.get("webhook_type");
  const problems: Problem[] = [customerId === "" ? "customer_id" : "", webhookType === "" ? "webhook_type" : ""]
    .filter((field) => field !== "")
    .map((field) => ({ in: "query", field, problem: "must not be empty" }));
  if (problems.length > 0) return badRequest(problems);
  const partitions = context.state.partitions().filter((p) => clientId === undefined || p.clientId === clientId);
  // `?wait=true`: first let every pending delivery finish (each has a timeout), so a test can wait on them.
  if (query.get("wait") === "true") await Promise.all(partitions.map(settled));
  const data = partitions
    .flatMap((p) => p.values("deliveries"))
    .filter((d) => customerId === null || customerIdOf(d.payload.customer_id) === customerId)
    .filter((d) => webhookType === null || d.webhook_type === webhookType)
    .sort((a, b) => a.id - b.id);
  return json(200, { data });
}

/** The REST API's customer id is a string and the webhooks' a number: accept either. */
function customerIdOf(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Deliveries run in the background; when one has its result, the state (with `--state`, the file) is saved. */
function deliveryOptions(context: SandboxContext): DeliveryOptions {
  return {
    publicUrl: context.publicUrl,
    onSettled: () => {
      context.save().catch((error: unknown) => console.error("planky sandbox: could not save a delivery", error));
    },
  };
}
