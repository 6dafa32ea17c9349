import type { TFunction } from 'i18next';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { indexTenant } from '../../domain/tenant-index';
import { pickUsersCard } from '../../cards/pick-users-card';
import type { AdaptiveCard } from '../../cards/render';
import { formatList, formatNumber } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import type { UsersPage } from './users-page';

/** How many chosen users the card names; the count always tells the whole number. */
const NAMED_CHOSEN = 10;

export function subscriptionName(snapshot: TenantSnapshot, subscriptionId: string, planName: (planId: string) => string): string {
  const subscription = indexTenant(snapshot).subscriptionsById.get(subscriptionId);
  return subscription ? `${planName(subscription.planId)} (${subscription.id})` : subscriptionId;
}

/** Names of the chosen users: the first few, and how many more. */
export function chosenNames(t: TFunction, lng: Language, snapshot: TenantSnapshot, userIds: readonly string[]): string {
  const users = indexTenant(snapshot).usersById;
  const names = userIds.slice(0, NAMED_CHOSEN).map((id) => users.get(id)?.displayName ?? id);
  const rest = userIds.length - names.length;
  return rest > 0 ? t('moveUsers:pickUsers.andMore', { names: names.join(', '), count: rest }) : formatList(names, lng);
}

export function usersCard(
  t: TFunction,
  lng: Language,
  snapshot: TenantSnapshot,
  view: UsersPage,
  choice: { from: string; to: string; search: string; selected: readonly string[] },
): AdaptiveCard {
  const selected = new Set(choice.selected);
  const pageWords = { page: formatNumber(view.page + 1, lng), pages: formatNumber(view.pages, lng), count: view.total, search: choice.search };
  const pageText =
    view.total === 0
      ? t('moveUsers:pickUsers.noMatch', { from: choice.from, search: choice.search })
      : t(choice.search ? 'moveUsers:pickUsers.matching' : 'moveUsers:pickUsers.page', pageWords);
  return pickUsersCard(t, {
    title: t('moveUsers:pickUsers.title'),
    intro: t('moveUsers:pickUsers.intro', { from: choice.from, to: choice.to }),
    label: t('moveUsers:pickUsers.label', { from: choice.from }),
    search: choice.search,
    pageText,
    users: view.users.map((u) => ({ id: u.id, title: `${u.displayName} · ${u.upn}` })),
    selected: view.users.filter((u) => selected.has(u.id)).map((u) => u.id),
    page: view.page,
    pages: view.pages,
    chosen:
      choice.selected.length === 0
        ? t('moveUsers:pickUsers.noneChosen')
        : t('moveUsers:pickUsers.chosen', { count: choice.selected.length, names: chosenNames(t, lng, snapshot, choice.selected) }),
  });
}
