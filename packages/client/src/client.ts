/** `createPlankyClient`: the server-side client (client credentials or an access token) and its resources. */
import { PlankyValidationError } from "./errors";
import { clientCredentials } from "./internal/client-credentials";
import { envLogger } from "./internal/env-logger";
import { openapiTransport } from "./internal/openapi-transport";
import { type RawClient, rawClient } from "./internal/raw";
import { type ClientOptions, createLoop } from "./internal/request";
import type { SharedTokenStore } from "./internal/shared-token";
import { ProvidedToken } from "./internal/tokens";
import { credential } from "./internal/validate";
import { AllowedRedirectUrls } from "./resources/allowed-redirect-urls";
import { Consents } from "./resources/consents";
import { Customers } from "./resources/customers";
import { Invitations } from "./resources/invitations";
import { Webhooks } from "./resources/webhooks";

export interface PlankyClientOptions extends ClientOptions {
  /** OAuth2 client id from "Planky API keys" in the dashboard. Needed unless `accessToken` is given. */
  clientId?: string;
  /** OAuth2 client secret. Kept in memory only; never logged or put in an error. */
  clientSecret?: string;
  /** Instead of client credentials: a ready access token, or an async provider called before every request. */
  accessToken?: string | (() => string | Promise<string>);
  /**
   * Shares the access token with every process using the same base URL and client id: `redisTokenStore()` from
   * `@planky-kit/client/token-store`. Default: each client keeps its own token in memory.
   */
  tokenStore?: SharedTokenStore;
}

export interface PlankyClient {
  invitations: Invitations;
  consents: Consents;
  customers: Customers;
  webhooks: Webhooks;
  /** The URLs Planky may send a customer back to after their bank (custom UX flow). */
  allowedRedirectUrls: AllowedRedirectUrls;
  /** openapi-fetch's interface for `{ data, error }` style calls, through the same auth, retries and timeouts. */
  raw: RawClient;
}

export function createPlankyClient(options: PlankyClientOptions): PlankyClient {
  if (typeof options !== "object" || options === null) {
    throw new PlankyValidationError("options", "expected { clientId, clientSecret } or { accessToken }");
  }
  const { accessToken, clientId, clientSecret } = options;
  if (accessToken !== undefined) {
    if (typeof accessToken !== "function") credential("accessToken", accessToken, "Bearer");
  } else {
    if (typeof clientId !== "string" || clientId === "")
      throw new PlankyValidationError("clientId", "required unless accessToken is given");
    if (typeof clientSecret !== "string" || clientSecret === "")
      throw new PlankyValidationError("clientSecret", "required unless accessToken is given");
  }
  const fixedToken = typeof accessToken === "string" ? accessToken : "";
  // An explicit `logger` wins over `PLANKY_LOG`.
  const loop = createLoop({ ...options, logger: options.logger ?? envLogger() }, [clientSecret ?? "", fixedToken]);
  // openapi-fetch's own client, for `raw` and for typed calls once middleware is registered.
  const openapi = openapiTransport(loop);
  loop.transport = openapi.transport;
  loop.url = openapi.url;
  loop.credentials.bearer =
    accessToken !== undefined
      ? new ProvidedToken(accessToken)
      : clientCredentials(loop, clientId as string, clientSecret as string, options.tokenStore);

  return {
    invitations: new Invitations(loop),
    consents: new Consents(loop),
    customers: new Customers(loop),
    webhooks: new Webhooks(loop),
    allowedRedirectUrls: new AllowedRedirectUrls(loop),
    raw: rawClient(loop, openapi),
  };
}
