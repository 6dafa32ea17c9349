import type { TFunction } from 'i18next';
import { renderCard, type AdaptiveCard } from './render';

export interface PickUsersCardInput {
  title: string;
  intro: string;
  label: string;
  /** The search box's text, as last searched. */
  search: string;
  pageText: string;
  /** This page's users; `selected` are the ids among them already chosen. */
  users: readonly { id: string; title: string }[];
  selected: readonly string[];
  /** Zero-based page numbers for the buttons. */
  page: number;
  pages: number;
  chosen: string;
}

/** One page of a subscription's licence holders to tick, with a search box and page buttons. */
export function pickUsersCard(t: TFunction, input: PickUsersCardInput): AdaptiveCard {
  return renderCard('pick-users', {
    title: input.title,
    intro: input.intro,
    label: input.label,
    searchLabel: t('moveUsers:pickUsers.searchLabel'),
    searchPlaceholder: t('moveUsers:pickUsers.searchPlaceholder'),
    searchButton: t('moveUsers:pickUsers.search'),
    search: input.search,
    pageText: input.pageText,
    users: input.users,
    selected: input.selected.join(','),
    page: input.page,
    hasPrevious: input.page > 0,
    previousPage: input.page - 1,
    previous: t('moveUsers:pickUsers.previous'),
    hasNext: input.page + 1 < input.pages,
    nextPage: input.page + 1,
    next: t('moveUsers:pickUsers.next'),
    chosen: input.chosen,
    done: t('moveUsers:pickUsers.done'),
    cancel: t('moveUsers:pickUsers.cancel'),
  });
}
