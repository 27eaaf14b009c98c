/**
 * The control API under `/_sandbox/`: not part of Planky's API, so Prism never sees it. It moves the flow along
 * the way a customer and a bank would (a consent is authorised, revoked) and triggers the webhooks that implies.
 * Its routes and the checks of its request bodies come from its spec, spec/flows/sandbox-control.openapi.yaml.
 */
import type { Problem } from "../../schema-validator";
import { matchRouteOrRefuse } from "../api/routes";
import { badRequest, json, missing, notFound, readJsonObject } from "../http/responses";
import type { SandboxContext } from "../state/context";
import { CONSENT_STATUSES } from "../state/state";
import { webhookFaultsOf } from "../state/webhook-faults";
import { findBank, logoOf } from "../world/banks";
import { changeConsentStatus, consentStatusOf, findConsent, openConsent } from "../world/consents";
import { type DeliveryOptions, deliver, settled, WEBHOOK_TYPES, webhookPayload } from "../world/webhook-delivery";
import { addFeedTransactions, moveClock, readClock } from "./control-bank-feed";
import { bodyProblems, buildControlRoutes, type ControlHandlers } from "./control-routes";
import { bookFeedTransactions, removeFeedTransactions } from "./control-transactions";

export const CONTROL_PREFIX = "/_sandbox/";

/**
 * Every operation of the control API's spec, by `operationId` (its method and path come from the spec; see
 * `control-routes.ts`). `GET /_sandbox/health` is answered by the front server, which alone knows Prism.
 */
const handlers: ControlHandlers = {
  setSandboxConsent: (context, _request, { body }) => setConsent(context, body),
  sendSandboxWebhook: (context, _request, { body }) => sendWebhook(context, body),
  listSandboxDeliveries: (context, request) => listDeliveries(context, request),
  sandboxHealth: "front-server",
  resetSandbox: (context, request, { body }) => reset(context, request, body),
  sandboxBankDecision: (context, request, { path }) => bankDecision(context, request, path.consent_id ?? ""),
  sandboxReturnPage: (_context, request) => returnPage(request),
  // A receiver that accepts any webhook, for trying the flow without writing one (e.g. the Arazzo workflow).
  sandboxReceiver: () => new Response(null, { status: 204 }),
  armSandboxFault: (context, _request, { body }) => armFault(context, body),
  listSandboxFaults: (context, request) => json(200, { data: context.faults.list(clientIdQuery(request)) }),
  clearSandboxFaults: (context, request) => json(200, { cleared: context.faults.clear(clientIdQuery(request)) }),
  addSandboxTransactions: (context, _request, { body }) => addFeedTransactions(context, body, deliveryOptions(context)),
  bookSandboxTransactions: (context, _request, { body }) =>
    bookFeedTransactions(context, body, deliveryOptions(context)),
  removeSandboxTransactions: (context, _request, { body }) =>
    removeFeedTransactions(context, body, deliveryOptions(context)),
  armSandboxWebhookFault: (context, _request, { body }) => json(200, { fault: webhookFaultsOf(context).arm(body) }),
  listSandboxWebhookFaults: (context, request) =>
    json(200, { data: webhookFaultsOf(context).list(clientIdQuery(request)) }),
  clearSandboxWebhookFaults: (context, request) =>
    json(200, { cleared: webhookFaultsOf(context).clear(clientIdQuery(request)) }),
  moveSandboxClock: (context, request, { body }) => moveClock(context, body, clientIdQuery(request)),
  readSandboxClock: (context, request) => readClock(context, clientIdQuery(request)),
  getSandboxInvitation: (context, _request, { path }) => {
    const id = path.invitation_id ?? "";
    const found = context.state.partitions().find((p) => p.data.invitations[id])?.data.invitations[id];
    return found ? json(200, found) : notFound("No such invitation");
  },
  getSandboxBankLogo: (_context, _request, { path }) => {
    const bank = findBank(path.bank_slug ?? "");
    if (!bank) return missing.bank(path.bank_slug);
    return new Response(logoOf(bank), { headers: { "content-type": "image/svg+xml" } });
  },
};

export const controlRoutes = buildControlRoutes(handlers);

export async function handleControlRequest(context: SandboxContext, request: Request): Promise<Response> {
  const pathname = new URL(request.url).pathname.replace(/\/+$/, "");
  const match = matchRouteOrRefuse(controlRoutes, request.method, pathname);
  if (match instanceof Response) return match;
  if (!match) {
    return notFound(`The control API has no ${request.method} ${pathname}. See the @planky-kit/mock README.`);
  }
  const { operation, handler } = match.route;
  let body: Record<string, unknown> = {};
  if (operation.body) {
    const read = await readJsonObject(request);
    if (!read) {
      const problem = `must be a JSON object${operation.body.required ? "" : " (or empty)"}`;
      return badRequest([{ in: "body", field: "", problem }]);
    }
    const problems = bodyProblems(operation.body.schema, read);
    if (problems.length > 0) return badRequest(problems);
    body = read;
  }
  return handler(context, request, { path: match.path, body });
}

/** `?client_id=`: the partition a call is about; `undefined` for every partition. */
function clientIdQuery(request: Request): string | undefined {
  return new URL(request.url).searchParams.get("client_id") ?? undefined;
}

/**
 * Sets (or creates) one consent's status and delivers the webhooks that transition implies. The body has been
 * checked against the spec (`customer_id` a non-empty string or an integer, `bank_slug` non-empty, `status` one of
 * the statuses).
 */
async function setConsent(context: SandboxContext, body: Record<string, unknown>): Promise<Response> {
  const customerId = String(body.customer_id);
  const bankSlug = String(body.bank_slug);
  // The control spec's schema refuses any other status first (control-routes.ts's bodyProblems); this only
  // tells the compiler which one it is.
  const status = CONSENT_STATUSES.find((known) => known === body.status);
  if (status === undefined) {
    return badRequest([{ in: "body", field: "status", problem: `must be one of ${JSON.stringify(CONSENT_STATUSES)}` }]);
  }
  const partition = context.state.partitionOfCustomer(customerId);
  if (!partition) return missing.customer(customerId);
  if (!findBank(bankSlug)) return missing.bank(bankSlug);
  const consent = findConsent(partition, customerId, bankSlug) ?? openConsent(partition, customerId, bankSlug);
  const deliveries = changeConsentStatus(partition, consent, status, deliveryOptions(context));
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
async function sendWebhook(context: SandboxContext, body: Record<string, unknown>): Promise<Response> {
  const type = WEBHOOK_TYPES.find((known) => known === body.webhook_type);
  if (type === undefined) {
    return badRequest([
      { in: "body", field: "webhook_type", problem: `must be one of ${JSON.stringify(WEBHOOK_TYPES)}` },
    ]);
  }
  const customerId = customerIdOf(body.customer_id);
  if (customerId === undefined) return badRequest([{ in: "body", field: "customer_id", problem: "is required" }]);
  const partition = context.state.partitionOfCustomer(customerId);
  if (!partition) return missing.customer(customerId);
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
async function reset(context: SandboxContext, request: Request, body: Record<string, unknown>): Promise<Response> {
  const clientId = clientIdOf(request, body);
  if (clientId instanceof Response) return clientId;
  context.faults.clear(clientId);
  webhookFaultsOf(context).clear(clientId);
  await context.store.reset(clientId);
  return json(200, { reset: true, ...(clientId === undefined ? {} : { client_id: clientId }) });
}

/** Arms a fault (see `faults.ts`): 200 `{ fault }`, or 400 naming each wrong field. */
function armFault(context: SandboxContext, body: Record<string, unknown>): Response {
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
    faults: webhookFaultsOf(context),
    onSettled: () => {
      context.save().catch((error: unknown) => console.error("planky sandbox: could not save a delivery", error));
    },
  };
}
