export type { BankRedirect, ParseBankRedirectOptions } from "./bank-redirect";
export { BankRedirectError, BankRedirectStateError, parseBankRedirect } from "./bank-redirect";
export type { PlankyClient, PlankyClientOptions } from "./client";
export { createPlankyClient } from "./client";
export type { ConsentsDueParams, DueConsent } from "./consents-due";
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
  OAuthError,
  PermissionDeniedError,
  PlankyError,
  PlankyValidationError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors";
export type { components, operations, paths, webhooks } from "./generated/schema";
export type { CallObserver, Instrumentation, ObservedCall, ObservedResponse } from "./internal/instrumentation";
export type { PagedList, PageEnvelope } from "./internal/pagination";
export type { RawClient } from "./internal/raw";
export type { APIPromise, ClientOptions, PlankyLogEvent, RequestOptions } from "./internal/request";
export { PRODUCTION_BASE_URL } from "./internal/request";
export type { ResponseExchange, ResponseValidator, ResponseViolation } from "./internal/response-hook";
export type { SharedIssue, SharedTokenStore, SharingClient, StoredToken, TokenStore } from "./internal/shared-token";
export type { IssuedToken } from "./internal/tokens";
export type { NodeRequestLike, NodeResponseLike } from "./node-listener";
export { toNodeListener } from "./node-listener";
export type {
  AllowedRedirectUrl,
  AllowedRedirectUrls,
  CreateAllowedRedirectUrlParams,
} from "./resources/allowed-redirect-urls";
export type { ConsentStatus, Consents, GetConsentStatusParams } from "./resources/consents";
export type {
  Account,
  Balance,
  BankConsent,
  ConsentReconfirmation,
  CreateCustomerParams,
  CreateCustomerTokenParams,
  Customer,
  CustomerBank,
  CustomerDataParams,
  Customers,
  CustomerToken,
  FindCustomersByUserReferenceParams,
  GetBankConsentParams,
  ListCustomerBanksParams,
  ListTransactionsParams,
  ReconfirmConsentParams,
  Transaction,
  TransactionPage,
} from "./resources/customers";
export type {
  CreateInvitationParams,
  Invitation,
  InvitationPage,
  Invitations,
  ListInvitationsParams,
} from "./resources/invitations";
export type { CreateWebhookParams, Webhook, Webhooks } from "./resources/webhooks";
export type { RedisCommands } from "./token-store";
export type { RemovedTransaction, SyncTransactionsParams, TransactionsSync } from "./transactions-sync";
export type { WebhookHandlerOptions } from "./webhook-handler";
export { createWebhookHandler } from "./webhook-handler";
export type { MemoryWebhookStoreOptions, RedisWebhookStoreOptions, WebhookDedupeStore } from "./webhook-store";
export { memoryWebhookStore, redisWebhookStore } from "./webhook-store";
export type { WebhookPayload, WebhookPayloadOf, WebhookType } from "./webhooks";
export { parseWebhook, WEBHOOK_TYPES, WebhookParseError } from "./webhooks";
