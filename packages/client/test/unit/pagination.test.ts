/**
 * Pagination: `invitations.list()` walks every page (next links, `page`/`pages`), and fails loudly on an envelope it
 * cannot trust.
 */

import { afterEach, describe, expect, test } from "vitest";
import {
  createPlankyClient,
  InvalidResponseError,
  type Invitation,
  type InvitationPage,
  PlankyValidationError,
} from "../../src/index";
import { type Answer, startLocalServer } from "../support/local-server";
import { example } from "../support/spec";
import { json, stubClient } from "./stub-fetch";

describe("invitations.list()", () => {
  const template = example<Invitation>("IndividualInvitation");

  const invitation = (id: string): Invitation => ({ ...template, id });

  /** Page `n` (1-based) of `pages`, two invitations each, with HAL links like the spec's examples. */
  function page(n: number, pages: number, links: "links" | "no-links" = "links"): InvitationPage {
    const href = (p: number) => `/public/v3/invitations?page=${p}&max_per_page=2`;
    return {
      page: n,
      pages,
      max_per_page: 2,
      data: [invitation(`${n}a`), invitation(`${n}b`)],
      ...(links === "links"
        ? {
            _links: {
              self: { href: href(n) },
              last: { href: href(pages) },
              ...(n < pages && { next: { href: href(n + 1) } }),
            },
          }
        : {}),
    };
  }

  let stop: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  async function serve(answer: (url: URL, index: number) => Answer) {
    const server = await startLocalServer(answer);
    stop = server.stop;
    const planky = createPlankyClient({ accessToken: "test-token", baseUrl: server.url, initialRetryDelay: 1 });
    return { planky, seen: server.seen };
  }

  async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of iterable) items.push(item);
    return items;
  }

  test("walks 3 pages by following _links.next, each request authenticated", async () => {
    const { planky, seen } = await serve((url) => ({ body: page(Number(url.searchParams.get("page") ?? 1), 3) }));
    const ids = (await collect(planky.invitations.list({ maxPerPage: 2 }))).map((i) => i.id);
    expect(ids).toEqual(["1a", "1b", "2a", "2b", "3a", "3b"]);
    expect(seen.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      "GET /public/v3/invitations?max_per_page=2",
      "GET /public/v3/invitations?page=2&max_per_page=2",
      "GET /public/v3/invitations?page=3&max_per_page=2",
    ]);
    expect(seen.every((r) => r.headers.authorization === "Bearer test-token")).toBe(true);
  });

  test("without links it asks for page + 1 until page >= pages", async () => {
    const { planky, seen } = await serve((url) => ({
      body: page(Number(url.searchParams.get("page") ?? 1), 3, "no-links"),
    }));
    const pages = await collect(planky.invitations.list().pages());
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(seen.map((r) => r.url.search)).toEqual(["", "?page=2", "?page=3"]);
  });

  test("only the query of a next link is used: an absolute link to another host still goes to baseUrl", async () => {
    const { planky, seen } = await serve((_url, i) => ({
      body: {
        ...page(i + 1, 2, "no-links"),
        ...(i === 0 && { _links: { next: { href: "https://elsewhere.example/public/v3/invitations?page=2" } } }),
      },
    }));
    expect(await collect(planky.invitations.list())).toHaveLength(4);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.headers.authorization).toBe("Bearer test-token");
  });

  test("stops on an empty page even when the server claims more pages", async () => {
    const { planky, seen } = await serve(() => ({
      body: {
        page: 1,
        pages: 5,
        max_per_page: 2,
        data: [],
        _links: { next: { href: "/public/v3/invitations?page=2" } },
      },
    }));
    expect(await collect(planky.invitations.list())).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  test("a server that ignores `page` and repeats page 1 is an InvalidResponseError, not an endless loop", async () => {
    const { planky, seen } = await serve(() => ({ body: page(1, 3, "no-links") }));
    const items: Invitation[] = [];
    const error = await (async () => {
      for await (const item of planky.invitations.list()) items.push(item);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toMatch(/page 1 again/);
    expect(items.map((i) => i.id)).toEqual(["1a", "1b"]);
    expect(seen).toHaveLength(2);
  });

  test("a next link to a page already fetched is refused before it is requested again", async () => {
    const { planky, seen } = await serve(() => ({
      body: { ...page(1, 3, "no-links"), _links: { next: { href: "/public/v3/invitations" } } },
    }));
    await expect(collect(planky.invitations.list())).rejects.toThrow(/already fetched/);
    expect(seen).toHaveLength(1);
  });

  test("a next link to another endpoint is an InvalidResponseError", async () => {
    const { planky } = await serve(() => ({
      body: { ...page(1, 2, "no-links"), _links: { next: { href: "/public/v3/customers?page=2" } } },
    }));
    await expect(collect(planky.invitations.list())).rejects.toThrow(/next link to \/public\/v3\/customers/);
  });

  test("a page without a `data` array is an InvalidResponseError naming the field", async () => {
    const { planky } = await serve(() => ({ body: { page: 1, pages: 1, max_per_page: 2, items: [] } }));
    const error = await collect(planky.invitations.list()).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain('"data"');
    expect(error.status).toBe(200);
  });

  test("a 503 on page 2 is retried like any GET", async () => {
    const { planky, seen } = await serve((url, i) =>
      i === 1
        ? { status: 503, body: { message: "busy" } }
        : { body: page(Number(url.searchParams.get("page") ?? 1), 2) },
    );
    expect(await collect(planky.invitations.list())).toHaveLength(4);
    expect(seen.map((r) => r.url.searchParams.get("page"))).toEqual([null, "2", "2"]);
  });

  test("pages are fetched lazily: breaking after the first item makes one request", async () => {
    const { planky, seen } = await serve((url) => ({ body: page(Number(url.searchParams.get("page") ?? 1), 3) }));
    for await (const _ of planky.invitations.list()) break;
    expect(seen).toHaveLength(1);
  });

  test("maxPerPage must be a whole number ≥ 1: the iteration rejects before any request", async () => {
    const { planky, seen } = await serve(() => ({ body: page(1, 1) }));
    for (const bad of [0, -1, 1.5, Number.NaN, "10"]) {
      const error = await collect(planky.invitations.list({ maxPerPage: bad as number })).catch((e) => e);
      expect(error).toBeInstanceOf(PlankyValidationError);
      expect(error.field).toBe("maxPerPage");
    }
    expect(seen).toHaveLength(0);
  });
});

/** A stub API that answers each list request from `answer` and remembers each request's query string. */
function listing(answer: (query: URLSearchParams, call: number) => unknown) {
  const queries: string[] = [];
  const s = stubClient({
    accessToken: "tok-abc",
    api: (request, call) => {
      const { searchParams } = new URL(request.url);
      queries.push(searchParams.toString());
      return json(answer(searchParams, call));
    },
  });
  return { planky: s.client, queries };
}

async function collectIds(iterable: AsyncIterable<{ id: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of iterable) ids.push(item.id);
  return ids;
}

describe("invitations.list() edges", () => {
  test("an empty list reported as page 0 of 0 is empty, not an error", async () => {
    const { planky, queries } = listing(() => ({ page: 0, pages: 0, max_per_page: 0, data: [] }));
    await expect(collectIds(planky.invitations.list())).resolves.toEqual([]);
    expect(queries).toEqual([""]);
  });

  test("a server that numbers every page 0 but links the next one is followed to the end", async () => {
    const { planky, queries } = listing((query) => {
      const cursor = Number(query.get("cursor") ?? "1");
      const next = cursor < 3 ? { next: { href: `/public/v3/invitations?cursor=${cursor + 1}` } } : {};
      return { page: 0, pages: 0, max_per_page: 1, data: [{ id: `inv-${cursor}` }], _links: next };
    });
    await expect(collectIds(planky.invitations.list())).resolves.toEqual(["inv-1", "inv-2", "inv-3"]);
    expect(queries).toEqual(["", "cursor=2", "cursor=3"]);
  });

  test("`_links: null` is no links: the iterator falls back to page + 1", async () => {
    const { planky, queries } = listing((query) => {
      const page = Number(query.get("page") ?? "1");
      return { page, pages: 2, max_per_page: 1, data: [{ id: `inv-${page}` }], _links: null };
    });
    await expect(collectIds(planky.invitations.list())).resolves.toEqual(["inv-1", "inv-2"]);
    expect(queries).toEqual(["", "page=2"]);
  });

  test("a next link behind a path prefix (a gateway's) is followed by its query", async () => {
    const { planky, queries } = listing((query) => {
      const page = Number(query.get("page") ?? "1");
      const next =
        page < 2 ? { next: { href: `https://gw.example/planky/public/v3/invitations?page=${page + 1}` } } : {};
      return { page, pages: 2, max_per_page: 1, data: [{ id: `inv-${page}` }], _links: next };
    });
    await expect(collectIds(planky.invitations.list())).resolves.toEqual(["inv-1", "inv-2"]);
    expect(queries).toEqual(["", "page=2"]);
  });

  test("a next link that repeats an earlier query with its parameters reordered is refused before it is sent", async () => {
    const { planky, queries } = listing((_query, call) => {
      const href = call === 1 ? "?page=2&max_per_page=1" : "?max_per_page=1&page=2";
      return { page: call, pages: 5, max_per_page: 1, data: [{ id: `inv-${call}` }], _links: { next: { href } } };
    });
    const error = await collectIds(planky.invitations.list({ maxPerPage: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(queries).toEqual(["max_per_page=1", "page=2&max_per_page=1"]);
  });

  test("a malformed page's error names the request: GET and the list's path", async () => {
    const { planky } = listing(() => ({ page: "1", pages: 1, max_per_page: 1, data: [] }));
    const error = await collectIds(planky.invitations.list()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ method: "GET", status: 200 });
    expect((error as Error).message).toMatch(/^GET \/public\/v3\/invitations returned a page whose "page"/);
  });

  test("maxPerPage 1 is the smallest page size, and is sent", async () => {
    const { planky, queries } = listing(() => ({ page: 1, pages: 1, max_per_page: 1, data: [{ id: "inv-1" }] }));
    await expect(collectIds(planky.invitations.list({ maxPerPage: 1 }))).resolves.toEqual(["inv-1"]);
    expect(queries).toEqual(["max_per_page=1"]);
  });
});

/** Settles `promise` and returns what it rejected with (`undefined` if it resolved). */
const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Every string in a JSON-like value, keys included. */

describe("a malformed page envelope fails loudly instead of walking the wrong pages", () => {
  const item = { id: "inv-1" };
  const good = { page: 1, pages: 3, max_per_page: 1, data: [item] };

  test.each([
    ["page as a string", "page", { ...good, page: "1" }],
    ["page negative", "page", { ...good, page: -1 }],
    ["page fractional", "page", { ...good, page: 1.5 }],
    ["pages as a string", "pages", { ...good, pages: "3" }],
    ["pages missing", "pages", { page: 1, max_per_page: 1, data: [item] }],
    ["max_per_page as a string", "max_per_page", { ...good, max_per_page: "1" }],
    ["max_per_page unsafe", "max_per_page", { ...good, max_per_page: 2 ** 53 }],
    ["data an object", "data", { ...good, data: { 0: item } }],
    ["_links a string", "_links", { ...good, _links: "next" }],
    ["_links.next a string", "_links.next.href", { ...good, _links: { next: "/public/v3/invitations?page=2" } }],
    ["_links.next.href a number", "_links.next.href", { ...good, _links: { next: { href: 2 } } }],
    ["the body an array", "body", [item]],
    ["the body null", "body", null],
  ])("%s: InvalidResponseError naming %s, no item yielded, no second request", async (_name, field, page) => {
    const s = stubClient({ api: () => json(page), accessToken: "tok-abc" });
    const items: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const invitation of s.client.invitations.list()) items.push(invitation);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(`"${field}"`);
    expect(items).toEqual([]);
    expect(s.api()).toHaveLength(1);
  });

  test("well-formed pages are all walked (the checks above do not reject good envelopes)", async () => {
    const s = stubClient({
      api: (request) => {
        const n = Number(new URL(request.url).searchParams.get("page") ?? "1");
        return json({ page: n, pages: 3, max_per_page: 1, data: [{ id: `inv-${n}` }], _links: { next: null } });
      },
      accessToken: "tok-abc",
    });
    const ids: string[] = [];
    for await (const invitation of s.client.invitations.list()) ids.push(invitation.id);
    expect(ids).toEqual(["inv-1", "inv-2", "inv-3"]);
  });
});
