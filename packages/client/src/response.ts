/** Turns an openapi-fetch result into the typed body, or throws the typed error for it. */
import { type APIErrorInit, errorForStatus, InvalidResponseError } from "./errors";
import { redact, redactDeep, secretsSentWith } from "./secrets";

/**
 * What openapi-fetch returns. The wrapped calls use `parseAs: "stream"` so openapi-fetch leaves a 2xx body unread:
 * the transport already read and decoded it once (see `rememberBodyText`).
 */
export interface TextResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The decoded body of each response the transport buffered, so a 2xx body is read and decoded only once. */
const bodyTexts = new WeakMap<Response, string>();

export function rememberBodyText(response: Response, text: string): Response {
  bodyTexts.set(response, text);
  return response;
}

export interface UnwrapOptions {
  /** Builds the error for a non-2xx response. Default: the status family's `APIError` subclass. */
  toError?: (init: APIErrorInit) => Error;
  /**
   * The 2xx body is a credential (an access or customer token): a malformed one is reported without it, since
   * an error's body ends up in logs.
   */
  bodyIsSecret?: boolean;
}

/**
 * The JSON body of a 2xx response. Empty or malformed JSON is an `InvalidResponseError`: every operation we
 * wrap promises a JSON body, so `undefined` would only move the failure somewhere harder to debug.
 */
export function unwrapJson<T>(
  result: TextResult,
  request: { method: string; url: string },
  { toError = errorForStatus, bodyIsSecret = false }: UnwrapOptions = {},
): T {
  const { response } = result;
  const init = {
    status: response.status,
    headers: response.headers,
    response,
    method: request.method,
    url: request.url,
  };
  // A server may echo the request's credentials (an error page quoting the Authorization header).
  const secrets = secretsSentWith(response);
  if (!response.ok) throw toError({ ...init, body: redactDeep(result.error, secrets) });
  // Every response of a wrapped call went through the transport, which recorded its text.
  const text = bodyTexts.get(response) ?? "";
  const what = `${request.method} ${new URL(request.url).pathname} returned HTTP ${response.status} with`;
  if (text.trim() === "") {
    throw new InvalidResponseError({ ...init, body: text }, `${what} an empty body; a JSON body was expected.`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    const body = bodyIsSecret ? "[withheld: this response carries a credential]" : redact(text, secrets);
    throw new InvalidResponseError({ ...init, body }, `${what} a body that is not valid JSON.`);
  }
}
