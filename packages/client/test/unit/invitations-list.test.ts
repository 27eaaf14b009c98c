/**
 * `planky.invitations.list()` against a local HTTP server: the iterator walks every page through the normal
 * request path (auth, retries) and refuses to loop on a misbehaving server.
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

describe("invitations.list()", () => {
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
