// The OData query options the local Graph server understands: $select, $top, $skiptoken and the one
// $filter form the gateway sends (roleDefinitionId eq '…').

export interface Query {
  select: string[] | undefined;
  top: number | undefined;
  skip: number;
  filter: string | undefined;
}

export function parseQuery(params: URLSearchParams): Query {
  const select = params.get('$select');
  const top = params.get('$top');
  const skip = params.get('$skiptoken');
  return {
    select: select ? select.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    top: top === null ? undefined : Number(top),
    skip: skip === null ? 0 : Number(Buffer.from(skip, 'base64url').toString('utf8')),
    filter: params.get('$filter') ?? undefined,
  };
}

export function project<T extends object>(item: T, select: string[] | undefined): Partial<T> {
  if (!select) return item;
  const out: Record<string, unknown> = {};
  for (const key of select) if (key in item) out[key] = (item as Record<string, unknown>)[key];
  return out as Partial<T>;
}

/** One page of a collection and, when more remain, its @odata.nextLink (absolute, as Graph writes it). */
export function page<T extends object>(items: readonly T[], query: Query, pageSize: number, selfUrl: URL): { value: Partial<T>[]; '@odata.nextLink'?: string } {
  const size = Math.max(1, Math.min(query.top ?? pageSize, pageSize));
  const slice = items.slice(query.skip, query.skip + size).map((item) => project(item, query.select));
  const next = query.skip + size;
  if (next >= items.length) return { value: slice };
  const link = new URL(selfUrl.toString());
  link.searchParams.set('$skiptoken', Buffer.from(String(next), 'utf8').toString('base64url'));
  return { value: slice, '@odata.nextLink': link.toString() };
}

/** `roleDefinitionId eq 'x'` → x; undefined for any other filter. */
export function roleDefinitionFilter(filter: string | undefined): string | undefined {
  const match = filter?.match(/^\s*roleDefinitionId\s+eq\s+'([0-9a-fA-F-]+)'\s*$/);
  return match?.[1]?.toLowerCase();
}
