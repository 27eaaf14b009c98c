/**
 * A typed call's URL: the spec's path with its `{name}` parameters filled in, then the query. The same URL
 * openapi-fetch's `createFinalURL` builds with its default serializers for what typed calls send (string and number
 * values, each percent-encoded; `undefined` and `null` left out), checked against it in `test/unit/url.test.ts`.
 *
 * Not openapi-fetch's serializers: they handle every OpenAPI style (arrays, objects, labels, matrices), none of
 * which a typed call sends, and were 0.6 kB min+gzip of the front end's bundle. `planky.raw`, whose caller may send
 * any of them, keeps openapi-fetch's (`openapi-transport.ts`).
 */
import type { UntypedCall } from "./call";

export function callUrl(baseUrl: string, { path, params }: Pick<UntypedCall, "path" | "params">): string {
  const query: string[] = [];
  for (const [name, value] of Object.entries(params?.query ?? {})) {
    if (value != null) query.push(`${name}=${encodeURIComponent(value as string)}`);
  }
  return `${baseUrl}${fillPath(path, params?.path ?? {})}${query.length ? `?${query.join("&")}` : ""}`;
}

/** `path` with each `{name}` replaced by its percent-encoded value; one without a value stays as it is. */
export function fillPath(path: string, values: Record<string, unknown>): string {
  return path.replace(/\{([^{}]+)\}/g, (template, name: string) =>
    values[name] == null ? template : encodeURIComponent(values[name] as string),
  );
}
