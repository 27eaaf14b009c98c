/**
 * The stateful stand-in for Planky's API, behind Prism (which has already checked each request against the spec
 * and will check each answer). It decides only what the spec cannot: who is known, what exists, which token is whose.
 * Where Planky's docs are silent, the status is one the spec declares for that operation (see the README).
 */

import { badRequest, json, missing, notFound, readJsonObject, unauthorized } from "../http/responses";
import type { SandboxContext } from "../state/context";
import { type Invitation, newToken, type Partition, unixNow } from "../state/state";
import { dataOf } from "../world/bank-feed";
import { findBank, SANDBOX_BANKS, webflowBankOf } from "../world/banks";
import { accountConsentOf, consentStatusOf, findConsent, openConsent } from "../world/consents";
import { isOwnReceiver, pointsAtSandbox } from "../world/webhook-delivery";
import {
  createAllowedRedirectUrl,
  findAllowedRedirectUrl,
  listAccounts,
  listBalances,
  listTransactions,
  reconfirmBankConsent,
} from "./journey-api";
import { DEFAULT_PAGE_SIZE, onePage } from "./paging";
import { answerJson, buildRoutes, type HandlerArgs, type Handlers, matchRouteOrRefuse } from "./routes";

/** Access tokens live as long as the docs' example says (`expires_in: 3600`). */
const ACCESS_TOKEN_SECONDS = 3600;
/** Planky does not document how long an invitation is valid; the sandbox says a week. */
const INVITATION_SECONDS = 7 * 24 * 3600;

/** Every operation of the spec has its handler here (a test checks none is missing); which credential each needs,
 * and its method and path, come from the spec (see `routes.ts`). */
const handlers: Handlers = {
  createAccessToken,
  listCustomers,
  createCustomer,
  createCustomerToken,
  listCustomerBanks,
  getBankConsent,
  createInvitation,
  listInvitations,
  createWebhook,
  listWebflowBanks,
  createConsentScreen,
  createBankFlowUrl,
  getConsentStatus,
  deleteConsent,
  // The journey to the data (issue 19): allowed redirect URLs, the 90-day reconfirmation, accounts, balances and
  // transactions, answered from the sandbox's synthetic bank data (journey-api.ts).
  createAllowedRedirectUrl,
  reconfirmBankConsent,
  listAccounts,
  listBalances,
  listTransactions,
};

export const routes = buildRoutes(handlers);

/**
 * Answers one API request. Paths outside the spec never get here: Prism answers those with its own 404. The
 * credential picks the partition (the client id the access token was issued to, or the customer token's customer's);
 * an id from another partition is as unknown as one that never existed.
 */
export async function handleApiRequest(context: SandboxContext, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const match = matchRouteOrRefuse(routes, request.method, url.pathname);
  if (match instanceof Response) return match;
  const handler = match?.route.handler;
  if (!match || !handler) return notFound(`The sandbox does not implement ${request.method} ${url.pathname}`);
  const { route, path } = match;
  let customerId = path.customer_id;
  let partition: Partition | undefined;
  if (route.credential === "bearer") {
    partition = partitionOfBearer(context, request);
    if (!partition) return unauthorized("The access token is missing, unknown or expired: request a new one");
  }
  if (route.credential === "customer") {
    const found = partitionOfCustomerToken(context, request);
    if (!found) return unauthorized('Send "Authorization: AppUserToken <customer token>" of a known customer');
    ({ partition, customerId } = found);
  }
  return handler(context, request, { path, customerId, partition, answer: answerJson });
}

/** The partition of `Authorization: Bearer <token>`, when the token is live. */
export function partitionOfBearer(context: SandboxContext, request: Request | Headers): Partition | undefined {
  const headers = request instanceof Headers ? request : request.headers;
  const token = /^Bearer (\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  return token ? context.state.partitionOfAccessToken(token) : undefined;
}

/** Exactly `AppUserToken <token>` with a token the sandbox issued: anything else is refused. */
export function partitionOfCustomerToken(
  context: SandboxContext,
  request: Request | Headers,
): { partition: Partition; customerId: string } | undefined {
  const headers = request instanceof Headers ? request : request.headers;
  const token = /^AppUserToken (\S+)$/.exec(headers.get("authorization") ?? "")?.[1];
  const partition = token ? context.state.partitionOfCustomerToken(token) : undefined;
  const customerId = token ? partition?.data.customerTokens[token] : undefined;
  return partition && customerId ? { partition, customerId } : undefined;
}

async function createAccessToken(
  context: SandboxContext,
  request: Request,
  { answer }: HandlerArgs<"createAccessToken">,
): Promise<Response> {
  const body = (await readJsonObject(request)) ?? {};
  const { clientId, clientSecret } = context.options;
  if (
    (clientId !== undefined && body.client_id !== clientId) ||
    (clientSecret !== undefined && body.client_secret !== clientSecret)
  ) {
    return json(400, { error: "invalid_client", error_description: "Invalid client_id or client_secret" });
  }
  // The client id names the partition: everything this token creates is invisible to other client ids.
  const partition = context.state.partition(String(body.client_id ?? ""));
  context.state.pruneExpiredTokens();
  const token = newToken();
  partition.put("accessTokens", token, unixNow() + ACCESS_TOKEN_SECONDS);
  await context.save();
  return answer(200, { access_token: token, expires_in: ACCESS_TOKEN_SECONDS, token_type: "bearer", scope: null });
}

async function createCustomer(
  context: SandboxContext,
  request: Request,
  { partition: own, answer }: HandlerArgs<"createCustomer">,
) {
  const body = (await readJsonObject(request)) ?? {};
  const reference = String(body.user_reference);
  if (own.values("customers").some((c) => c.user_reference === reference)) {
    return badRequest([{ in: "body", field: "user_reference", problem: "is already used by another customer" }]);
  }
  const customer = { id: String(own.nextId()), user_reference: reference };
  own.put("customers", customer.id, customer);
  await context.save();
  return answer(200, customer);
}

async function createCustomerToken(
  context: SandboxContext,
  _request: Request,
  { customerId, partition, answer }: HandlerArgs<"createCustomerToken">,
) {
  if (!partition.customer(customerId)) return missing.customer(customerId);
  const token = newToken();
  partition.put("customerTokens", token, customerId);
  await context.save();
  return answer(200, { token });
}

async function createInvitation(
  context: SandboxContext,
  request: Request,
  { partition: own, answer }: HandlerArgs<"createInvitation">,
) {
  const body = (await readJsonObject(request)) ?? {};
  const reference = String(body.reference);
  if (!own.values("customers").some((c) => c.user_reference === reference)) {
    return badRequest([
      { in: "body", field: "reference", problem: "matches no customer's user_reference: create the customer first" },
    ]);
  }
  const id = String(own.nextId());
  const optional = (key: string) => {
    const value = body[key];
    return typeof value === "string" ? value : null;
  };
  const invitation: Invitation = {
    id,
    customer_type: body.customer_type === "Individual" || body.customer_type === "Business" ? body.customer_type : null,
    last_name: optional("last_name"),
    first_name: optional("first_name"),
    company_name: optional("company_name"),
    email: String(body.email),
    phone: optional("phone"),
    reference,
    send_email: body.send_email === true,
    created_at: unixNow(),
    revoked_at: null,
    used_at: null,
    expires_in: INVITATION_SECONDS,
    url: `${context.publicUrl}/_sandbox/invitations/${id}`,
  };
  own.put("invitations", id, invitation);
  await context.save();
  return answer(200, invitation);
}

function listInvitations(
  _context: SandboxContext,
  request: Request,
  { partition, answer }: HandlerArgs<"listInvitations">,
): Response {
  const query = new URL(request.url).searchParams;
  const page = Number(query.get("page") ?? 1);
  const perPage = Number(query.get("max_per_page") ?? DEFAULT_PAGE_SIZE);
  const all = partition.values("invitations");
  const href = (p: number) =>
    `/public/v3/invitations?page=${p}${query.has("max_per_page") ? `&max_per_page=${perPage}` : ""}`;
  return answer(200, onePage(all, page, perPage, href));
}

async function createWebhook(
  context: SandboxContext,
  request: Request,
  { partition: own, answer }: HandlerArgs<"createWebhook">,
) {
  const body = (await readJsonObject(request)) ?? {};
  const url = String(body.url);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    return badRequest([{ in: "body", field: "url", problem: "must be an http(s) URL the sandbox can POST to" }]);
  }
  if (pointsAtSandbox(url, context.publicUrl) && !isOwnReceiver(url, context.publicUrl)) {
    const problem = `points at the sandbox itself (${context.publicUrl}), which would deliver to itself in a loop; use ${context.publicUrl}/_sandbox/receiver or your own receiver`;
    return badRequest([{ in: "body", field: "url", problem }]);
  }
  const receiver = {
    id: String(own.nextId()),
    url,
    ...(typeof body.comment === "string" ? { comment: body.comment } : {}),
  };
  own.put("receivers", receiver.id, receiver);
  await context.save();
  return answer(200, { id: receiver.id });
}

function listCustomers(
  _context: SandboxContext,
  request: Request,
  { partition, answer }: HandlerArgs<"listCustomers">,
): Response {
  const reference = new URL(request.url).searchParams.get("by-user-reference");
  const customers = partition.values("customers").filter((c) => reference === null || c.user_reference === reference);
  return answer(200, { data: customers });
}

function listCustomerBanks(
  _context: SandboxContext,
  _request: Request,
  { customerId, partition, answer }: HandlerArgs<"listCustomerBanks">,
): Response {
  if (!partition.customer(customerId)) return missing.customer(customerId);
  const data = SANDBOX_BANKS.map((bank) => {
    const consent = findConsent(partition, customerId, bank.slug);
    return { ...bank, account_consents: consent ? [accountConsentOf(consent)] : [] };
  });
  return answer(200, { data });
}

function getBankConsent(
  _context: SandboxContext,
  _request: Request,
  { customerId, path, partition, answer }: HandlerArgs<"getBankConsent">,
): Response {
  const bankSlug = path.bank_slug;
  if (!partition.customer(customerId)) return missing.customer(customerId);
  if (!findBank(bankSlug)) return missing.bank(bankSlug);
  const consent = findConsent(partition, customerId, bankSlug);
  return consent ? answer(200, accountConsentOf(consent)) : missing.consent(customerId, bankSlug);
}

function listWebflowBanks(
  context: SandboxContext,
  _request: Request,
  { customerId, partition, answer }: HandlerArgs<"listWebflowBanks">,
) {
  return answer(
    200,
    SANDBOX_BANKS.map((bank) => {
      const consent = findConsent(partition, customerId, bank.slug);
      const authorised = consent?.status === "Authorised";
      return {
        bank: webflowBankOf(bank, context.publicUrl),
        // The accounts Get Accounts lists for this bank (same numbers, same type).
        accounts: authorised
          ? dataOf(partition, consent).accounts.map((account) => ({
              account_type: account.type,
              account_number: account.number,
              is_authorized: true,
            }))
          : [],
        connected: authorised,
        ...(consent ? { last_account_consent: accountConsentOf(consent) } : {}),
      };
    }),
  );
}

/** The texts of the consent screen. The shape of `consents` is not documented; the sandbox sends an empty list. */
async function createConsentScreen(
  context: SandboxContext,
  request: Request,
  { path, answer }: HandlerArgs<"createConsentScreen">,
) {
  const bankSlug = path.bank_slug;
  const bank = findBank(bankSlug);
  if (!bank) return missing.bank(bankSlug);
  const body = (await readJsonObject(request)) ?? {};
  const { name, slug, logo_url } = webflowBankOf(bank, context.publicUrl);
  return answer(200, {
    metadata: {
      name,
      slug,
      logo_url,
      company_name: "Planky sandbox",
      application_name: "Planky sandbox",
      application_sharing_purposes: Array.isArray(body.application_sharing_purposes)
        ? body.application_sharing_purposes
        : null,
    },
    consents: [],
  });
}

/**
 * Opens a consent awaiting authorisation (replacing an earlier one at that bank) and answers the URL of the
 * sandbox's simulated bank, which authorises it and sends the customer back to `url` (see the control API).
 */
async function createBankFlowUrl(
  context: SandboxContext,
  request: Request,
  { customerId, path, partition, answer }: HandlerArgs<"createBankFlowUrl">,
) {
  const bankSlug = path.bank_slug;
  if (!findBank(bankSlug)) return missing.bank(bankSlug);
  const redirect = new URL(request.url).searchParams.get("url") ?? "";
  // Planky: "you need to register all the URLs that we are allowed to redirect the customer back". The sandbox
  // refuses the flow for any other URL (matching the exact text), so a missing registration fails here, not in
  // production; the 400 is the spec's `InvalidUrl`.
  if (!findAllowedRedirectUrl(partition, redirect)) {
    const problem =
      "is not one of your allowed redirect URLs: register it first (POST /public/v3/allowed-redirect-urls)";
    return badRequest([{ in: "query", field: "url", problem }]);
  }
  const consent = openConsent(partition, customerId, bankSlug);
  consent.flow = { state: newToken(), redirect_url: redirect };
  partition.put("consents", consent.consent_id, consent);
  await context.save();
  return answer(200, {
    url: `${context.publicUrl}/_sandbox/bank/${encodeURIComponent(consent.consent_id)}`,
    consent_id: consent.consent_id,
    state: consent.flow.state,
    transaction_from_date_time: consent.transaction_from_date_time,
    transaction_to_date_time: consent.transaction_to_date_time,
  });
}

function getConsentStatus(
  _context: SandboxContext,
  _request: Request,
  { customerId, path, partition, answer }: HandlerArgs<"getConsentStatus">,
): Response {
  const bankSlug = path.bank_slug;
  if (!findBank(bankSlug)) return missing.bank(bankSlug);
  const consent = findConsent(partition, customerId, bankSlug);
  return consent ? answer(200, consentStatusOf(consent)) : missing.consent(customerId, bankSlug);
}

/** Forgets the consent (its status is `404` again). Planky documents no webhook for this, so none is sent. */
async function deleteConsent(
  context: SandboxContext,
  _request: Request,
  { customerId, path, partition, answer }: HandlerArgs<"deleteConsent">,
) {
  const bankSlug = path.bank_slug;
  if (!findBank(bankSlug)) return missing.bank(bankSlug);
  const consent = findConsent(partition, customerId, bankSlug);
  if (!consent) return missing.consent(customerId, bankSlug);
  partition.put("consents", consent.consent_id, undefined);
  await context.save();
  return answer(200, { status: "success" });
}
