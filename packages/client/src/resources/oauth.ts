import type { IssuedToken } from "../auth";
import type { ClientContext } from "../context";
import { OAuthError, PlankyValidationError } from "../errors";
import type { operations } from "../generated/schema";

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
        parseAs: "text",
        fetch,
      }),
    (init) => new OAuthError(init),
  );
  if (typeof body?.access_token !== "string" || body.access_token === "") {
    throw new PlankyValidationError("access_token", "the token endpoint returned no access_token");
  }
  const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 0;
  return { accessToken: body.access_token, expiresIn };
}
