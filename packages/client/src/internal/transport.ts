/**
 * One attempt on the wire: builds the `Request` exactly as openapi-fetch does for a typed call (the spec's path
 * filled in and the query, as openapi-fetch serializes them (`url.ts`), JSON body, default then call headers), hands
 * it to `fetch` with the attempt's signal and reads the body as openapi-fetch's `parseAs: "text"` would.
 *
 * Not openapi-fetch's `createClient`: its per-call middleware machinery was most of our CPU over a bare call and
 * 1.5 kB gzip of a front end's bundle, which has no middleware. The server client's `raw` and a client with
 * middleware (`planky.raw.use`) still go through openapi-fetch itself (see `openapi-transport.ts`).
 */
import type { FetchResult, Transport } from "./loop";

export const sendRequest: Transport = (loop, call, headers, signal) => {
  const { body, method } = call;
  // As openapi-fetch: the JSON content type first, so default or call headers may replace it.
  const merged = new Headers(body === undefined ? undefined : { "Content-Type": "application/json" });
  for (const source of [loop.headers, headers]) {
    for (const name in source) merged.set(name, source[name] as string);
  }
  const url = loop.url(call);
  const init = { method, headers: merged, redirect: call.redirect, body: body && JSON.stringify(body) } as RequestInit;
  // The platform's own fetch takes the URL and init as they are: a Request built first would make undici copy
  // its body into a stream, which doubled the wall time of 2,000 concurrent POSTs. A caller's `fetch` gets the
  // Request its documentation promises.
  return (
    loop.fetch ? loop.fetch(new Request(url, init), { signal }) : globalThis.fetch(url, { ...init, signal })
  ).then(read);
};

/** The body as openapi-fetch's `parseAs: "text"` reads it: none for 204 or `Content-Length: 0`, JSON for an error. */
async function read(response: Response): Promise<FetchResult> {
  const empty = response.status === 204 || response.headers.get("content-length") === "0";
  const text = empty ? undefined : await response.text();
  if (response.ok) return { data: text, response };
  try {
    return { error: JSON.parse(text as string), response };
  } catch {
    return { error: text, response };
  }
}
