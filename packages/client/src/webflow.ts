/**
 * `@planky-kit/client/webflow`: the client a front end uses, authenticated by a customer token only. It holds no
 * client-credentials code: your server creates the customer token (`customers.createToken()`) and hands it over.
 */
import { PlankyValidationError } from "./errors";
import { type ClientOptions, createLoop } from "./internal/request";
import { KeptToken, ProvidedToken } from "./internal/tokens";
import { credential } from "./internal/validate";
import { Banks } from "./resources/banks";
import { WebflowConsents } from "./resources/webflow-consents";

export interface WebflowClientOptions extends ClientOptions {
  /**
   * The customer token from your server (`customers.createToken()`), without the `AppUserToken ` prefix; or an
   * async function that asks your server for one: asked once, its token kept (concurrent calls share one ask), and
   * after a 401 asked once more and the call replayed.
   */
  customerToken: string | (() => string | Promise<string>);
}

export interface WebflowClient {
  consents: WebflowConsents;
  banks: Banks;
}

export function createWebflowClient(options: WebflowClientOptions): WebflowClient {
  if (typeof options !== "object" || options === null) {
    throw new PlankyValidationError("options", "expected { customerToken }");
  }
  const { customerToken } = options;
  if (typeof customerToken !== "function") credential("customerToken", customerToken, "AppUserToken");
  const loop = createLoop(options, [typeof customerToken === "string" ? customerToken : ""]);
  // A function is your server's token route: keep its answer rather than create a customer token per call.
  loop.credentials.customer =
    typeof customerToken === "function"
      ? new KeptToken(async () => credential("customerToken", await customerToken(), "AppUserToken"))
      : new ProvidedToken(customerToken);
  return { consents: new WebflowConsents(loop), banks: new Banks(loop) };
}

export type { BankRedirect, ParseBankRedirectOptions } from "./bank-redirect";
export { BankRedirectError, BankRedirectStateError, parseBankRedirect } from "./bank-redirect";
export type { APIErrorInit } from "./errors";
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  PlankyError,
  PlankyValidationError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors";
// The spec's schemas, which the webflow types below are named from (`WebflowBank` is `components["schemas"][…]`).
export type { components } from "./generated/schema";
export type { CallObserver, Instrumentation, ObservedCall, ObservedResponse } from "./internal/instrumentation";
export type { APIPromise, ClientOptions, PlankyLogEvent, RequestOptions } from "./internal/request";
export { PRODUCTION_BASE_URL } from "./internal/request";
export type { ResponseExchange, ResponseValidator, ResponseViolation } from "./internal/response-hook";
export type { Banks, WebflowBank } from "./resources/banks";
export type {
  BankFlowUrl,
  BankParams,
  ConsentScreen,
  ConsentStatus,
  CreateBankFlowUrlParams,
  DataSharingDetails,
  OperationStatus,
  WebflowConsents,
} from "./resources/webflow-consents";
