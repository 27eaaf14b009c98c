/**
 * The error hierarchy. Every error thrown by the client is a `PlankyError`.
 *
 * Secrets (client secret, access token, customer token) never reach an error: messages are built from the
 * status, the method and the URL path only, and `toJSON()` lists exactly the fields that are safe to log.
 */

export class PlankyError extends Error {
  override name = "PlankyError";

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/**
 * A value passed to the client is unusable, so nothing was sent. It is also used when a value the server
 * returned cannot be used, such as a malformed `access_token`. `field` names the culprit.
 */
export class PlankyValidationError extends PlankyError {
  override name = "PlankyValidationError";
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`Invalid "${field}": ${problem}`);
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

export interface APIErrorInit {
  status: number;
  /** The parsed JSON body, or the raw text when the body is not JSON (e.g. an HTML 502 page from a proxy). */
  body: unknown;
  headers: Headers;
  response?: Response;
  method: string;
  url: string;
}

/** The server answered with a non-2xx status. Subclasses narrow it by status family. */
export class APIError extends PlankyError {
  override name = "APIError";
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
  /** The server's request id (`x-request-id` or similar), when it sends one. Quote it to Planky support. */
  readonly requestId: string | undefined;
  readonly method: string;
  /**
   * The request's full URL, query included (`https://api.friendlyscore.com/public/v3/customers?by-user-reference=u`);
   * the method is in `method`. Credentials travel in headers, never in the URL.
   */
  readonly url: string;
  declare readonly response: Response | undefined;

  constructor(init: APIErrorInit, message?: string) {
    const requestId = readRequestId(init.headers);
    super(
      message ??
        `${init.method} ${pathOf(init.url)} failed with HTTP ${init.status}${describeBody(init.body)}${requestId ? ` (request id ${requestId})` : ""}`,
    );
    this.status = init.status;
    this.body = init.body;
    this.headers = init.headers;
    this.requestId = requestId;
    this.method = init.method;
    this.url = init.url;
    // Non-enumerable: a Response is large and not serialisable; it stays reachable for callers who need it.
    Object.defineProperty(this, "response", { value: init.response, enumerable: false });
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      body: this.body,
    };
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
export class ConflictError extends APIError {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/**
 * The token endpoint refused the client credentials (e.g. `400 {"error":"invalid_client"}`).
 * `oauthError` is the OAuth2 `error` code when the body has one.
 */
export class OAuthError extends APIError {
  override name = "OAuthError";
  readonly oauthError: string | undefined;

  constructor(init: APIErrorInit) {
    const code = isRecord(init.body) && typeof init.body.error === "string" ? init.body.error : undefined;
    super(
      init,
      `Could not get an access token from ${pathOf(init.url)}: HTTP ${init.status}${code ? ` ${code}` : ""}. ${tokenHint(init)}.`,
    );
    this.oauthError = code;
  }
}

/** A 2xx response whose body is empty or not the JSON the spec promises. `body` holds the raw text. */
export class InvalidResponseError extends APIError {
  override name = "InvalidResponseError";
}

/** No HTTP response arrived: DNS failure, refused or reset connection, truncated body. */
export class APIConnectionError extends PlankyError {
  override name = "APIConnectionError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The request did not complete within its `timeout`. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";
}

/** The caller's `AbortSignal` fired. Never retried. */
export class APIUserAbortError extends PlankyError {
  override name = "APIUserAbortError";
}

const statusClasses: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The most specific error class for a non-2xx status. */
export function errorForStatus(init: APIErrorInit): APIError {
  const ErrorClass = statusClasses[init.status] ?? (init.status >= 500 ? InternalServerError : APIError);
  return new ErrorClass(init);
}

const requestIdHeaders = ["x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid", "cf-ray"];

/** The server's request id, from the first of the usual headers it sends. */
export function readRequestId(headers: Headers): string | undefined {
  for (const name of requestIdHeaders) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

const TOKEN_PATH = "/oauth/v2/token";

/**
 * What to check after a refused token request. A 404/405 means nothing takes token requests at that URL, which
 * credentials cannot cause: typically a `baseUrl` with a path (e.g. `…/public`), since the client adds the path.
 */
function tokenHint({ status, url }: APIErrorInit): string {
  if (status !== 404 && status !== 405) return "Check clientId and clientSecret";
  const path = pathOf(url);
  const extra = path.endsWith(TOKEN_PATH) ? path.slice(0, -TOKEN_PATH.length) : "";
  return (
    `Check baseUrl${extra ? `: it has a path (${extra}), but` : ":"} the client adds ${TOKEN_PATH} and /public/v3/… ` +
    "itself, so pass the origin only, e.g. https://api.friendlyscore.com"
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** A short hint from the body for the message: a JSON `message`/`error` string or the start of a text body. */
function describeBody(body: unknown): string {
  let hint: unknown;
  if (isRecord(body)) hint = body.message ?? body.error_description ?? body.error ?? body.detail ?? body.title;
  else if (typeof body === "string") hint = body.trim().slice(0, 120);
  return typeof hint === "string" && hint ? `: ${hint}` : "";
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
