export type { OperationId, WebhookType } from "./generated/spec";
export type { OverrideOptions, PlankyHandlersOptions } from "./handlers";
export { override, PRODUCTION_BASE_URL, plankyHandlers } from "./handlers";
export type { MockOverride, MockReply, MockRequestInfo } from "./reply";
export { MockConfigError } from "./reply";
export type { Problem } from "./schema-validator";
export { webhookExample, webhookRequest } from "./webhooks";
