/** One page of `perPage` items, zero-based: a page before the first is the first, one past the end the last. */
export function pageOf<T>(items: readonly T[], requested: number, perPage: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const page = Math.min(Math.max(0, Math.trunc(requested)), pages - 1);
  return { items: items.slice(page * perPage, (page + 1) * perPage), page, pages };
}
