/** The `baseUrl` option, checked: an absolute http(s) origin (optionally with a path prefix of its own). */
import { PlankyValidationError } from "../errors";

// The API's own path prefixes: the client adds them to every call, so a baseUrl ending in one doubles it.
const API_PATH_PREFIX = /\/(public\/v3|oauth\/v2)(\/.*)?$/;

export function parseBaseUrl(value: unknown): string {
  let url: URL;
  try {
    url = new URL(value as string);
  } catch {
    throw new PlankyValidationError("baseUrl", "expected an absolute http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new PlankyValidationError("baseUrl", "expected an http(s) URL");
  // fetch refuses URLs with credentials, and a query or fragment would end up in the middle of every path.
  if (url.username || url.password) throw new PlankyValidationError("baseUrl", "must not contain credentials");
  if (url.search || url.hash) throw new PlankyValidationError("baseUrl", "must not have a query or fragment");
  // Without this check, `https://api.friendlyscore.com/public/v3` fails later as a 404 from the token endpoint,
  // whose message points at the credentials instead.
  if (API_PATH_PREFIX.test(url.pathname))
    throw new PlankyValidationError(
      "baseUrl",
      `must not include the API's path (${url.pathname}): the client adds /public/v3/… and /oauth/v2/… itself, so pass the origin, e.g. ${url.origin}`,
    );
  return url.href.replace(/\/+$/, "");
}
