/**
 * The server client's transport: openapi-fetch's own client for `planky.raw` (the caller's openapi-fetch options,
 * `{ data, error }` results) and, once middleware is registered (`planky.raw.use`), for typed calls too, so
 * middleware runs inside every attempt. Without middleware a typed call takes the lean `sendRequest`. A raw call's
 * URL in errors and log events is the one openapi-fetch sends (any query style); a typed call's is `callUrl`'s.
 */
import createClient, {
  createFinalURL,
  createQuerySerializer,
  defaultPathSerializer,
  type Middleware,
} from "openapi-fetch";
import type { paths } from "../generated/schema";
import type { FetchResult, Loop, Transport } from "./loop";
import { sendRequest } from "./transport";
import { callUrl } from "./url";

type AnyClient = Record<string, (path: string, init: Record<string, unknown>) => Promise<FetchResult>>;

export interface OpenapiTransport {
  transport: Transport;
  url: Loop["url"];
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}

export function openapiTransport(loop: Loop): OpenapiTransport {
  const { baseUrl, headers } = loop;
  const querySerializer = createQuerySerializer();
  const fetch = loop.fetch ?? ((request: Request, init?: RequestInit) => globalThis.fetch(request, init));
  const client = createClient<paths>({ baseUrl, fetch, headers, querySerializer });
  const registered = new Set<Middleware>();
  return {
    transport: (loop, call, callHeaders, signal) => {
      if (!call.raw && registered.size === 0) return sendRequest(loop, call, callHeaders, signal);
      // raw keeps the signal on the Request: its caller may pass their own `fetch` or read a streamed body.
      const init: Record<string, unknown> = call.raw
        ? { ...call.raw, headers: callHeaders, signal }
        : {
            params: call.params,
            body: call.body,
            headers: callHeaders,
            parseAs: "text",
            fetch: (request: Request) => fetch(request, { signal }),
          };
      if (call.redirect) init.redirect = call.redirect;
      return (client as unknown as AnyClient)[call.method]?.(call.path, init) as Promise<FetchResult>;
    },
    url: (call) =>
      call.raw
        ? createFinalURL(call.path, {
            baseUrl,
            params: (call.params ?? {}) as Record<string, unknown>,
            querySerializer,
            pathSerializer: defaultPathSerializer,
          })
        : callUrl(baseUrl, call),
    use(...middleware) {
      client.use(...middleware);
      for (const item of middleware) if (item) registered.add(item);
    },
    eject(...middleware) {
      client.eject(...middleware);
      for (const item of middleware) registered.delete(item);
    },
  };
}
