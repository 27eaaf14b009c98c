/**
 * Walks a paginated list (`page`, `pages`, `max_per_page`, `data`, `_links`) page by page, through the normal
 * request path so auth, retries and timeouts apply to every page.
 *
 * Next page: the query of `_links.next.href` when present, else `page + 1` while `page < pages`. It stops on an
 * empty page, and throws `InvalidResponseError` instead of looping when the server repeats a page.
 */
import { type APIErrorInit, InvalidResponseError, isRecord } from "../errors";
import { urlOf } from "./failures";
import { type Loop, type PathWith, type RequestOptions, sendUntyped, type UntypedCall } from "./request";
import { fillPath } from "./url";

export interface PageEnvelope<Item> {
  page: number;
  pages: number;
  max_per_page: number;
  data: Item[];
  _links?: { next?: { href: string } };
}

/** `for await (const item of list)` walks every item of every page; `list.pages()` yields the pages themselves. */
export interface PagedList<Item, Page extends PageEnvelope<Item>> extends AsyncIterable<Item> {
  pages(): AsyncIterable<Page>;
}

/** Query parameters as strings: they come from the caller or from the query of a `next` link. */
export type PageQuery = Record<string, string>;

export function pagedList<Item, Page extends PageEnvelope<Item>>(
  loop: Loop,
  options: RequestOptions | undefined,
  listPath: PathWith<"GET">,
  /** Called when an iteration starts, so invalid parameters reject the iteration instead of throwing early. */
  firstQuery: () => PageQuery,
  /** The path parameters of `listPath` (e.g. `customer_id`), called when an iteration starts, like `firstQuery`. */
  pathParams: () => Record<string, string> = () => ({}),
): PagedList<Item, Page> {
  async function* pages(): AsyncGenerator<Page> {
    const path = pathParams();
    let query = firstQuery();
    const requested = new Set([queryKey(query)]);
    const seenPages = new Set<number>();
    for (;;) {
      // Untyped: the query values are strings (a next link's query is passed on verbatim), where the spec may say
      // integer; the URL is the same either way. The envelope is checked below rather than trusted.
      const call: UntypedCall = {
        method: "GET",
        path: listPath,
        params: { path, query },
        auth: "bearer",
        safeToRepeat: true,
      };
      const { data: body, response } = await sendUntyped<unknown>(loop, call, options).withResponse();
      const { status, headers } = response;
      const info: APIErrorInit = { status, headers, response, body, method: "GET", url: urlOf(loop, call) };
      const page = checkEnvelope<Page>(body, info);
      if (page.page > 0 && seenPages.has(page.page)) {
        throw new InvalidResponseError(
          info,
          `${where(info)} returned page ${page.page} again; stopped to avoid a loop.`,
        );
      }
      seenPages.add(page.page);
      yield page;

      if (page.data.length === 0) return;
      const next = page._links?.next?.href;
      if (next !== undefined) query = queryOfNextLink(next, fillPath(listPath, path), info);
      else if (page.page >= page.pages) return;
      else query = { ...query, page: String(page.page + 1) };
      if (requested.has(queryKey(query))) {
        throw new InvalidResponseError(
          info,
          `${where(info)}: the next page (?${queryKey(query)}) was already fetched.`,
        );
      }
      requested.add(queryKey(query));
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.data;
    },
  };
}

function queryKey(query: PageQuery): string {
  return new URLSearchParams(Object.entries(query).sort(([a], [b]) => a.localeCompare(b))).toString();
}

function checkEnvelope<Page>(body: unknown, info: APIErrorInit): Page {
  const fail = (field: string, expected: string): never => {
    throw new InvalidResponseError(info, `${where(info)} returned a page whose "${field}" is not ${expected}.`);
  };
  if (!isRecord(body)) return fail("body", "an object");
  for (const field of ["page", "pages", "max_per_page"]) {
    const value = body[field];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) fail(field, "a whole number ≥ 0");
  }
  if (!Array.isArray(body.data)) fail("data", "an array");
  const links = body._links;
  if (links !== undefined && links !== null) {
    if (!isRecord(links)) fail("_links", "an object");
    const next = (links as Record<string, unknown>).next;
    if (next !== undefined && next !== null && !(isRecord(next) && typeof next.href === "string")) {
      fail("_links.next.href", "a string");
    }
  }
  return body as Page;
}

/**
 * Only the query of a `next` link is used; the request itself always goes to the client's `baseUrl`, so a link
 * naming another host (e.g. production while testing against a mock) never receives the access token.
 */
function queryOfNextLink(href: string, listPath: string, info: APIErrorInit): PageQuery {
  let target: URL;
  try {
    target = new URL(href, info.url);
  } catch {
    throw new InvalidResponseError(info, `${where(info)} returned a next link that is not a URL.`);
  }
  if (!target.pathname.endsWith(listPath)) {
    throw new InvalidResponseError(info, `${where(info)} returned a next link to ${target.pathname}, not ${listPath}.`);
  }
  return Object.fromEntries(target.searchParams);
}

function where(info: APIErrorInit): string {
  return `${info.method} ${new URL(info.url).pathname}`;
}
