/**
 * The page size when `max_per_page` is not given. Planky documents it for Get Transactions ("Item count on one page
 * (1000 by default)"); the sandbox assumes the same for its other paginated lists (Get Invitations), which the docs
 * leave silent.
 */
export const DEFAULT_PAGE_SIZE = 1000;

/** One page of a list in Planky's paginated envelope (Get Invitations): `page`, `pages`, `max_per_page`, `data`, `_links`. */
export function onePage<T>(all: T[], page: number, perPage: number, href: (page: number) => string) {
  const pages = Math.ceil(all.length / perPage);
  const link = (p: number) => ({ href: href(p) });
  return {
    page,
    pages,
    max_per_page: perPage,
    data: all.slice((page - 1) * perPage, page * perPage),
    _links: {
      self: link(page),
      ...(page < pages ? { next: link(page + 1) } : {}),
      ...(page > 1 ? { previous: link(page - 1) } : {}),
      ...(pages > 0 ? { last: link(pages) } : {}),
    },
  };
}
