import type { TenantSnapshot, User } from '../../domain/snapshot/schema';
import { indexTenant } from '../../domain/tenant-index';
import { Remembered, rememberedKey } from '../../cards/remembered';
import { parseSubmission } from '../../cards/submissions';
import { intlLocale } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { pageOf } from '../shared/page-of';

// Paging and search over one subscription's licence holders, so a 5,000-user tenant stays usable
// on a card, and the ticks a press carries back.

export const PAGE_SIZE = 25;

export interface UsersPage {
  users: User[];
  /** Zero-based, within 0 … pages-1. */
  page: number;
  pages: number;
  /** Users matching the search (all holders when there is none). */
  total: number;
}

const sortedHoldersOf = new Remembered<User[]>(64);

/** The subscription's licence holders by name in the language's order, sorted once per snapshot. */
function sortedHolders(snapshot: TenantSnapshot, subscriptionId: string, lng: Language): User[] {
  return sortedHoldersOf.get([snapshot], rememberedKey(subscriptionId, lng), () => {
    const collator = new Intl.Collator(intlLocale(lng), { sensitivity: 'base' });
    return [...indexTenant(snapshot).holders(subscriptionId)].sort((a, b) => collator.compare(a.displayName, b.displayName) || collator.compare(a.upn, b.upn));
  });
}

/** One page of the holders whose name or user principal name contains the search, case-insensitively. */
export function holdersPage(snapshot: TenantSnapshot, subscriptionId: string, search: string, page: number, lng: Language): UsersPage {
  const wanted = search.trim().toLocaleLowerCase(intlLocale(lng));
  const holders = sortedHolders(snapshot, subscriptionId, lng);
  const matching = wanted
    ? holders.filter((u) => u.displayName.toLocaleLowerCase(intlLocale(lng)).includes(wanted) || u.upn.toLowerCase().includes(wanted))
    : holders;
  const { items, page: current, pages } = pageOf(matching, page, PAGE_SIZE);
  return { users: items, page: current, pages, total: matching.length };
}

export type Ticks =
  /** The press carried no ticks (typed text, or a button that sends no inputs): the choice stays as it is. */
  | { kind: 'none' }
  | { kind: 'ticked'; userIds: string[] }
  | { kind: 'invalid'; reason: 'malformed' | 'not-on-list' };

/**
 * What a press says about the ticks on the page it came from. A card sends its inputs with every
 * button, but the submission schema keeps `userIds` only on `users.pick`; the ticks riding along
 * with a page or search press are read by the same rule, and may only name users the page showed.
 */
export function ticksOf(value: unknown, shown: readonly string[]): Ticks {
  if (!value || typeof value !== 'object' || !('userIds' in value)) return { kind: 'none' };
  const parsed = parseSubmission({ ...value, verb: 'users.pick' });
  if (parsed.kind !== 'valid' || parsed.submission.verb !== 'users.pick') return { kind: 'invalid', reason: 'malformed' };
  const ids = [...new Set((parsed.submission.userIds ?? '').split(',').map((id) => id.trim()).filter((id) => id.length > 0))];
  const onPage = new Set(shown);
  if (ids.some((id) => !onPage.has(id))) return { kind: 'invalid', reason: 'not-on-list' };
  return { kind: 'ticked', userIds: ids };
}

/** The choice after a page's ticks: this page's users as ticked, every other page's as they were. */
export function applyTicks(selected: readonly string[], shown: readonly string[], ticked: readonly string[]): string[] {
  const onPage = new Set(shown);
  const tickedSet = new Set(ticked);
  const kept = selected.filter((id) => !onPage.has(id) || tickedSet.has(id));
  const keptSet = new Set(kept);
  return [...kept, ...ticked.filter((id) => !keptSet.has(id))];
}
