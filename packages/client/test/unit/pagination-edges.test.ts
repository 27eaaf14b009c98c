/**
 * Edges of `invitations.list()` that mutation testing showed no test pinned down: pages numbered 0, `_links`
 * that is null, next links that repeat a query in another order or sit behind a path prefix.
 */
import { describe, expect, test } from "vitest";
import { InvalidResponseError } from "../../src/index";
import { json, stubClient } from "./stub-fetch";

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
