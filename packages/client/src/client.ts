/** `createPlankyClient`: options, auth wiring and the resource namespaces. */
import createClient from "openapi-fetch";
import { type AccessTokenSource, ProvidedToken, TokenCache } from "./auth";
import { createContext, type RawClient } from "./context";
import { PlankyValidationError } from "./errors";
import type { paths } from "./generated/schema";
import { Consents } from "./resources/consents";
import { Customers } from "./resources/customers";
import { Invitations } from "./resources/invitations";
import { requestAccessToken } from "./resources/oauth";
import { Webhooks } from "./resources/webhooks";
import { createTransport, type PlankyLogEvent } from "./transport";
import { credential, headerRecord, nonNegativeInteger, positiveMs } from "./validate";

export const PRODUCTION_BASE_URL = "https://api.friendlyscore.com";
const TOKEN_PATH = "/oauth/v2/token";

export interface PlankyClientOptions {
  /** OAuth2 client id from "Planky API keys" in the dashboard. Needed unless `accessToken` is given. */
  clientId?: string;
  /** OAuth2 client secret. Kept in memory only; never logged or put in an error. */
  clientSecret?: string;
  /** Instead of client credentials: a ready access token, or an async provider called before every request. */
  accessToken?: string | (() => string | Promise<string>);
  /** API origin. Default: `https://api.friendlyscore.com` (production). Use `http://127.0.0.1:4010` for the mock. */
  baseUrl?: string;
  /** `fetch` implementation. Default: `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Per-attempt timeout in ms. Default: 30 000. */
  timeout?: number;
  /** Retries after the first attempt on connection errors, timeouts, 408, 429 and 5xx. Default: 2. */
  maxRetries?: number;
  /** First retry delay in ms, doubled per retry with jitter. Default: 500. */
  initialRetryDelay?: number;
  /** Cap in ms for a retry delay, including a server's `Retry-After`. Default: 8 000. */
  maxRetryDelay?: number;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string> | Headers;
  /** Called for every attempt, retry and connection error. Events never carry headers, bodies or tokens. */
  logger?: (event: PlankyLogEvent) => void;
}

export interface PlankyClient {
  invitations: Invitations;
  consents: Consents;
  customers: Customers;
  webhooks: Webhooks;
  /** The underlying openapi-fetch client (auth, retries and timeouts included) for `{ data, error }` style calls. */
  raw: RawClient;
}

export function createPlankyClient(options: PlankyClientOptions): PlankyClient {
  const baseUrl = parseBaseUrl(options?.baseUrl ?? PRODUCTION_BASE_URL);
  const fetchImpl = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const { accessToken, clientId, clientSecret } = options;
  if (accessToken !== undefined) {
    if (typeof accessToken !== "function") credential("accessToken", accessToken, "Bearer");
  } else {
    if (typeof clientId !== "string" || clientId === "")
      throw new PlankyValidationError("clientId", "required unless accessToken is given");
    if (typeof clientSecret !== "string" || clientSecret === "")
      throw new PlankyValidationError("clientSecret", "required unless accessToken is given");
  }
  let tokens: AccessTokenSource | undefined;

  const send = createTransport({
    fetch: fetchImpl,
    timeout: positiveMs("timeout", options.timeout, 30_000),
    maxRetries: nonNegativeInteger("maxRetries", options.maxRetries, 2),
    initialRetryDelay: positiveMs("initialRetryDelay", options.initialRetryDelay, 500),
    maxRetryDelay: positiveMs("maxRetryDelay", options.maxRetryDelay, 8_000),
    headers: headerRecord("defaultHeaders", options.defaultHeaders),
    logger: options.logger,
    tokenPath: TOKEN_PATH,
    secrets: [clientSecret, typeof accessToken === "string" ? accessToken : undefined].filter(
      (secret): secret is string => typeof secret === "string" && secret !== "",
    ),
    get tokens() {
      return tokens;
    },
  });
  const raw = createClient<paths>({ baseUrl, fetch: (request) => send(request) });
  const ctx = createContext(raw, send);

  tokens =
    accessToken !== undefined
      ? new ProvidedToken(accessToken)
      : new TokenCache({ issue: () => requestAccessToken(ctx, clientId as string, clientSecret as string) });

  return {
    invitations: new Invitations(ctx),
    consents: new Consents(ctx),
    customers: new Customers(ctx),
    webhooks: new Webhooks(ctx),
    raw,
  };
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PlankyValidationError("baseUrl", "expected an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new PlankyValidationError("baseUrl", "expected an http(s) URL");
  // fetch refuses URLs with credentials, and a query or fragment would end up in the middle of every path.
  if (url.username || url.password) throw new PlankyValidationError("baseUrl", "must not contain credentials");
  if (url.search || url.hash) throw new PlankyValidationError("baseUrl", "must not have a query or fragment");
  return url.href.replace(/\/+$/, "");
}
