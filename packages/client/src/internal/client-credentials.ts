/**
 * The server client's access token: OAuth2 client credentials, cached (see `TokenCache`). Server-side only; the
 * webflow entry never imports this file, so a front end's bundle holds no client-credentials code.
 */
import { APIError, type APIErrorInit, errorForStatus, OAuthError } from "../errors";
import { type Loop, send } from "./request";
import type { SharedTokenStore } from "./shared-token";
import { type IssuedToken, TokenCache } from "./tokens";
import { credential } from "./validate";

export function clientCredentials(
  loop: Loop,
  clientId: string,
  clientSecret: string,
  store?: SharedTokenStore,
): TokenCache {
  const issue = () => requestAccessToken(loop, clientId, clientSecret);
  // Shared by every process with the same base URL and client id; the secret never leaves this process.
  return new TokenCache(
    store ? store.share({ baseUrl: loop.baseUrl, clientId, issue, logger: loop.logger }) : { issue },
  );
}

/** Planky takes the credentials as a JSON body (not form-encoded, not Basic auth). */
async function requestAccessToken(loop: Loop, clientId: string, clientSecret: string): Promise<IssuedToken> {
  const body = await send(loop, {
    method: "POST",
    path: "/oauth/v2/token",
    body: { client_id: clientId, client_secret: clientSecret, grant_type: "client_credentials" },
    auth: "none",
    // Asking for a token twice issues two tokens; nothing else changes.
    safeToRepeat: true,
    bodyIsSecret: true,
    // A redirect would carry the client secret to wherever it points (a 307/308 keeps the body): not followed.
    redirect: "manual",
    toError: tokenError,
  });
  const accessToken = credential("access_token", body?.access_token, "Bearer");
  // The spec requires expires_in; without one the token is kept until a 401 says it has expired.
  const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : undefined;
  return { accessToken, expiresIn };
}

function tokenError(init: APIErrorInit): APIError {
  const { status } = init;
  if (status >= 300 && status < 400) {
    const location = init.headers.get("location");
    let target = "";
    try {
      if (location) target = ` to ${new URL(location, init.url).origin}`;
    } catch {
      // An unusable Location: the message still says what happened.
    }
    return new APIError(
      init,
      `The token endpoint answered HTTP ${status} with a redirect${target}. The client does not follow it with your client secret: set baseUrl to the API's final origin.`,
    );
  }
  // A 4xx means the credentials were refused; a 5xx, 408 or 429 is the server's trouble, not the caller's.
  return status < 500 && status !== 408 && status !== 429 ? new OAuthError(init) : errorForStatus(init);
}
