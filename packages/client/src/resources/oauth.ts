import type { IssuedToken } from "../auth";
import type { ClientContext } from "../context";
import { errorForStatus, OAuthError } from "../errors";
import type { operations } from "../generated/schema";
import { credential } from "../validate";

type TokenResponse = operations["createAccessToken"]["responses"]["200"]["content"]["application/json"];

/** OAuth2 client credentials: Planky takes them as a JSON body (not form-encoded, not Basic auth). */
export async function requestAccessToken(
  ctx: ClientContext,
  clientId: string,
  clientSecret: string,
): Promise<IssuedToken> {
  const body = await ctx.call<TokenResponse>(
    undefined,
    (fetch) =>
      ctx.raw.POST("/oauth/v2/token", {
        body: { client_id: clientId, client_secret: clientSecret, grant_type: "client_credentials" },
        parseAs: "stream",
        fetch,
      }),
    {
      // A 4xx means the credentials were refused; a 5xx, 408 or 429 is the server's trouble, not the caller's.
      toError: (init) =>
        init.status < 500 && init.status !== 408 && init.status !== 429 ? new OAuthError(init) : errorForStatus(init),
      bodyIsSecret: true,
    },
  );
  const accessToken = credential("access_token", body?.access_token, "Bearer");
  // The spec requires expires_in; without one the token is kept until a 401 says it has expired.
  const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : undefined;
  return { accessToken, expiresIn };
}
