/** What the resource classes share: the openapi-fetch client and the one way to make a typed call. */
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema";
import { type TextResult, type UnwrapOptions, unwrapJson } from "./response";
import type { RequestOptions, Send } from "./transport";

export type RawClient = Client<paths>;

export interface ClientContext {
  raw: RawClient;
  /**
   * Runs one openapi-fetch call through the transport with this call's options, and resolves with the parsed
   * JSON body or throws the typed error. Calls with a JSON body pass `bodySerializer` on to openapi-fetch, so the
   * transport gets the serialized body as it was made instead of reading it back out of the `Request`.
   */
  call<T>(
    options: RequestOptions | undefined,
    run: (
      fetch: (request: Request) => Promise<Response>,
      bodySerializer: (body: unknown) => string,
    ) => Promise<TextResult>,
    unwrap?: UnwrapOptions,
  ): Promise<T>;
}

export function createContext(raw: RawClient, send: Send): ClientContext {
  return {
    raw,
    async call(options, run, unwrap) {
      let sent: Request | undefined;
      let serializedBody: string | undefined;
      const result = await run(
        (request) => {
          sent = request;
          return send(request, options, serializedBody);
        },
        (body) => {
          serializedBody = JSON.stringify(body);
          return serializedBody;
        },
      );
      // `sent` is always set: openapi-fetch calls fetch exactly once per call.
      const request = sent as Request;
      return unwrapJson(result, { method: request.method, url: request.url }, unwrap);
    },
  };
}
