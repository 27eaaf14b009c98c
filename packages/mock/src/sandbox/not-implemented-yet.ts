/**
 * Minimal stand-ins for the operations issue 19 added to the spec (allowed redirect URLs, reconfirmation, accounts,
 * balances, transactions). NOT IMPLEMENTED YET IN THE SANDBOX: each answers a spec-valid, data-free result so that
 * every spec operation has a route; the sandbox's real behaviour (registration enforcement, synthetic data,
 * reconfirmation date) replaces this file.
 */
import { findConsent } from "./consents";
import type { SandboxContext } from "./context";
import { json, notFound } from "./responses";
import type { HandlerArgs } from "./routes";
import type { Partition } from "./state";

const NOT_IMPLEMENTED = "not implemented yet in the sandbox";

function knownCustomer(_context: SandboxContext, customerId: string | undefined, partition?: Partition): boolean {
  return partition?.customer(customerId) !== undefined;
}

/** Accepts the URL without remembering it: the sandbox does not enforce registration yet. */
export function createAllowedRedirectUrl(_context: SandboxContext, _request: Request, args: HandlerArgs): Response {
  return json(
    200,
    { allowed_redirect_url_id: (args.partition as Partition).nextId() },
    { "x-sandbox-note": NOT_IMPLEMENTED },
  );
}

/** `{ status: true }` when there is a consent to reconfirm (nothing about it changes yet), else 404. */
export function reconfirmBankConsent(_context: SandboxContext, _request: Request, args: HandlerArgs): Response {
  const consent = findConsent(args.partition as Partition, args.customerId as string, args.path.bank_slug as string);
  if (!consent) return notFound(`No consent of customer ${args.customerId} at ${args.path.bank_slug}`);
  return json(200, { status: true }, { "x-sandbox-note": NOT_IMPLEMENTED });
}

/** No synthetic accounts yet: an empty `data` for a known customer. */
export function listAccounts(
  context: SandboxContext,
  _request: Request,
  { customerId, partition }: HandlerArgs,
): Response {
  if (!knownCustomer(context, customerId, partition)) return notFound(`No customer with id ${customerId}`);
  return json(200, { data: [] }, { "x-sandbox-note": NOT_IMPLEMENTED });
}

/** No synthetic balances yet: an empty `data` for a known customer. */
export function listBalances(
  context: SandboxContext,
  _request: Request,
  { customerId, partition }: HandlerArgs,
): Response {
  if (!knownCustomer(context, customerId, partition)) return notFound(`No customer with id ${customerId}`);
  return json(200, { data: [] }, { "x-sandbox-note": NOT_IMPLEMENTED });
}

/** No synthetic transactions yet: one empty page (`pages: 0`) for a known customer. */
export function listTransactions(
  context: SandboxContext,
  request: Request,
  { customerId, partition }: HandlerArgs,
): Response {
  if (!knownCustomer(context, customerId, partition)) return notFound(`No customer with id ${customerId}`);
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? "1");
  const maxPerPage = Number(url.searchParams.get("max_per_page") ?? "1000");
  const self = { href: `${url.pathname}${url.search}` };
  return json(
    200,
    { page, pages: 0, max_per_page: maxPerPage, data: [], _links: { self } },
    { "x-sandbox-note": NOT_IMPLEMENTED },
  );
}
