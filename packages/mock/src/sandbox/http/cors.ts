/**
 * CORS for front ends on another local origin (e.g. a dev server on :5173): every answer of the sandbox's origin
 * carries these headers (its own 400s, 405s and 413s and the control API included, not only Prism's answers), and
 * every preflight is answered here, so a browser can read an error's body instead of seeing a CORS failure.
 */
import type { IncomingMessage } from "node:http";

const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
/** What a browser app may read besides the safelisted headers: the validation list, and rate-limit hints. */
const EXPOSED_HEADERS = "sl-violations, retry-after, location, content-length";

/** The headers for an answer to `incoming`: its `Origin` echoed with credentials allowed (or `*` without one). */
export function corsHeaders(incoming: IncomingMessage): Record<string, string> {
  const origin = incoming.headers.origin;
  if (!origin) return { "access-control-allow-origin": "*", "access-control-expose-headers": EXPOSED_HEADERS };
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": EXPOSED_HEADERS,
    vary: "Origin",
  };
}

/** The answer to a preflight (`OPTIONS`): any method the sandbox serves, and whatever headers were asked for. */
export function preflightHeaders(incoming: IncomingMessage): Record<string, string> {
  const requested = incoming.headers["access-control-request-headers"];
  return {
    ...corsHeaders(incoming),
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": requested || "authorization, content-type",
    "access-control-max-age": "600",
    vary: "Origin, Access-Control-Request-Headers",
  };
}
