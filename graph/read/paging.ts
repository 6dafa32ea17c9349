import type { GraphHttp } from '../client';
import type { GraphPage } from './types';

/** Every item of a collection: the first page, then each @odata.nextLink until there is none. */
export async function readAllPages<T>(http: GraphHttp, firstPath: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = firstPath;
  const seen = new Set<string>();
  while (next !== undefined) {
    if (seen.has(next)) throw new Error(`Graph paging loops at ${next}`);
    seen.add(next);
    const page: GraphPage<T> = await http.get<GraphPage<T>>(next);
    items.push(...(page.value ?? []));
    next = page['@odata.nextLink'];
  }
  return items;
}
