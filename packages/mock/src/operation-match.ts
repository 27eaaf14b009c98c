/**
 * The one answer to "which operation is this request?" for every door of this package: the sandbox's front (its
 * request guard and faults), Planky's API and the control API, and `planky-mock proxy`. A table of operations (each
 * with its method and OpenAPI path template) is compiled once; a match names the entry, its path parameters as sent
 * (percent-escapes not decoded: decoding, and refusing a malformed escape, is the caller's), and which parameter a
 * path segment is. Literal paths are tried before templated ones, as OpenAPI matches them.
 */

/** An entry of a table: anything that carries its operation's method (upper case) and path template. */
export interface Templated {
  operation: { method: string; path: string };
}

export interface OperationMatch<R> {
  route: R;
  /** The path parameters by name, as sent (e.g. `{ customer_id: "10%2001" }`). */
  raw: Record<string, string>;
  /** The name of the path parameter at segment `index` of the path (`undefined` for a literal segment). */
  parameterAt(index: number): string | undefined;
}

export type OperationMatcher<R> = (method: string, pathname: string) => OperationMatch<R> | undefined;

/** An OpenAPI path template as an anchored pattern, one group per `{name}`. */
export function compilePath(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  return { pattern: new RegExp(`^${source}$`), names };
}

/** The matcher of one table (compiled once; call it per request). */
export function operationMatcher<R extends Templated>(table: readonly R[]): OperationMatcher<R> {
  const compiled = table
    .map((route) => ({ route, segments: route.operation.path.split("/"), ...compilePath(route.operation.path) }))
    .sort((a, b) => a.names.length - b.names.length);
  return (method, pathname) => {
    for (const { route, pattern, names, segments } of compiled) {
      if (route.operation.method !== method) continue;
      const found = pattern.exec(pathname);
      if (!found) continue;
      return {
        route,
        raw: Object.fromEntries(names.map((name, i) => [name, found[i + 1] ?? ""])),
        parameterAt: (index) => /^\{(.+)\}$/.exec(segments[index] ?? "")?.[1],
      };
    }
    return undefined;
  };
}

/** A table of routes that carries its matcher (compiled once, when the table is built). */
export type RouteTable<R> = R[] & { match: OperationMatcher<R> };

export function routeTable<R extends Templated>(routes: R[]): RouteTable<R> {
  return Object.assign(routes, { match: operationMatcher(routes) });
}
