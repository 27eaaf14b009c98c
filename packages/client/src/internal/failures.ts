/**
 * The errors the request loop throws, built with every credential the attempt may have carried redacted: an
 * abort, a connection failure, a 2xx that is not JSON, and the `APIErrorInit` of an HTTP error.
 */
import { APIConnectionError, type APIErrorInit, APIUserAbortError, InvalidResponseError } from "../errors";
import type { UntypedCall } from "./call";
import { connectionHint } from "./connection-hint";
import type { Loop } from "./loop";
import { redact, safeCause } from "./redact";
import { errorCode } from "./retry-policy";

export function userAbort(): APIUserAbortError {
  return new APIUserAbortError("The request was aborted by the caller.");
}

export function connectionError(error: unknown, baseUrl: string, secrets: readonly string[]): APIConnectionError {
  const message = `Connection error: ${redact(describeCause(error), secrets)}${connectionHint(errorCode(error), baseUrl)}`;
  return new APIConnectionError(message, { cause: safeCause(error, secrets) });
}

function describeCause(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * A 2xx whose body is empty or not JSON: an `InvalidResponseError`. Every operation we wrap promises a JSON body,
 * so resolving with `undefined` would only move the failure somewhere harder to debug.
 */
export function invalidJson(loop: Loop, call: UntypedCall, response: Response, text: string, secrets: string[]): Error {
  const what = `${call.method} ${new URL(urlOf(loop, call)).pathname} returned HTTP ${response.status} with`;
  if (text.trim() === "") {
    return new InvalidResponseError(
      errorInit(loop, call, response, text),
      `${what} an empty body; a JSON body was expected.`,
    );
  }
  const body = call.bodyIsSecret ? "[withheld: this response carries a credential]" : redact(text, secrets);
  return new InvalidResponseError(errorInit(loop, call, response, body), `${what} a body that is not valid JSON.`);
}

/** The request's URL as it is sent; computed only for errors and log events. */
export function urlOf(loop: Loop, call: UntypedCall): string {
  return loop.url(call);
}

export function errorInit(loop: Loop, call: UntypedCall, response: Response, body: unknown): APIErrorInit {
  const { status, headers } = response;
  return { status, headers, response, body, method: call.method, url: urlOf(loop, call) };
}

/** Every credential this attempt may have sent, to redact from what goes into an error. */
export function secretsOf(loop: Loop, scheme: string, token: string | undefined, own: string | undefined): string[] {
  const secrets = [...loop.secrets];
  if (token !== undefined) secrets.push(`${scheme} ${token}`, token);
  if (own !== undefined) secrets.push(own, own.slice(own.indexOf(" ") + 1));
  return secrets;
}
