export type { PlankyClient, PlankyClientOptions } from "./client";
export { createPlankyClient, PRODUCTION_BASE_URL } from "./client";
export type { RawClient } from "./context";
export * from "./errors";
export type { components, operations, paths, webhooks } from "./generated/schema";
export type { PagedList } from "./pagination";
export type { ConsentStatus, Consents, GetConsentStatusParams } from "./resources/consents";
export type {
  BankConsent,
  CreateCustomerParams,
  CreateCustomerTokenParams,
  Customer,
  CustomerBank,
  Customers,
  CustomerToken,
  FindCustomersByUserReferenceParams,
  GetBankConsentParams,
  ListCustomerBanksParams,
} from "./resources/customers";
export type {
  CreateInvitationParams,
  Invitation,
  InvitationPage,
  Invitations,
  ListInvitationsParams,
} from "./resources/invitations";
export type { CreateWebhookParams, Webhook, Webhooks } from "./resources/webhooks";
export type { PlankyLogEvent, RequestOptions } from "./transport";
export type { WebhookPayload, WebhookPayloadOf, WebhookType } from "./webhooks";
export { parseWebhook, WEBHOOK_TYPES, WebhookParseError } from "./webhooks";
