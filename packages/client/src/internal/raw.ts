/**
 * `planky.raw`: openapi-fetch's interface (`{ data, error, response }`), with every call run by the request loop,
 * so credentials, timeouts and retries apply as for the typed methods.
 */
import { type Client, mergeHeaders } from "openapi-fetch";
import type { paths } from "../generated/schema";
import type { OpenapiTransport } from "./openapi-transport";
import { type HttpMethod, type Loop, sendUntyped, type UntypedCall } from "./request";

export type RawClient = Client<paths>;

// RFC 9110's idempotent methods: the only policy a raw call can declare, since it names no operation.
const SAFE_TO_REPEAT: readonly HttpMethod[] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

export function rawClient(loop: Loop, middleware: Pick<OpenapiTransport, "use" | "eject">): RawClient {
  const verb =
    (method: HttpMethod) =>
    (path: UntypedCall["path"], init: Record<string, unknown> = {}): Promise<unknown> => {
      const { signal, headers, ...rest } = init;
      const call: UntypedCall = {
        method,
        path,
        params: rest.params as UntypedCall["params"],
        // The token request carries no credential; every other raw call gets the access token.
        auth: path === "/oauth/v2/token" ? "none" : "bearer",
        safeToRepeat: SAFE_TO_REPEAT.includes(method),
        raw: rest,
      };
      // openapi-fetch's header forms (arrays, numbers, null to unset) become one Headers, checked like any call's.
      const callHeaders =
        headers === undefined ? undefined : mergeHeaders(headers as Parameters<typeof mergeHeaders>[0]);
      return sendUntyped(loop, call, { signal: signal as AbortSignal | undefined, headers: callHeaders });
    };
  const raw = {
    GET: verb("GET"),
    POST: verb("POST"),
    PUT: verb("PUT"),
    PATCH: verb("PATCH"),
    DELETE: verb("DELETE"),
    HEAD: verb("HEAD"),
    OPTIONS: verb("OPTIONS"),
    request: (method: string, path: UntypedCall["path"], init?: Record<string, unknown>) =>
      verb(method.toUpperCase() as HttpMethod)(path, init),
    // Middleware runs inside each attempt, for typed and raw calls alike.
    use: middleware.use,
    eject: middleware.eject,
  };
  return raw as unknown as RawClient;
}
