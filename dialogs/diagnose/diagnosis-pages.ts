import type { SubscriptionDiagnosis } from '../../domain/diagnosis';
import { pageOf } from '../shared/page-of';

/**
 * Bytes of JSON a diagnosis card may take. Teams refuses a message over about 28 KB, and every
 * message of this flow stays under 25,000 bytes: the activity around the card adds well under 1 KB.
 */
export const CARD_BUDGET = 24_000;

/**
 * Subscriptions per card, when the card without any takes `baseBytes` (with the widest paging line
 * and both buttons) and the longest subscription section adds `largestSectionBytes` (explaining its
 * blockers in full, as the first on a page does). At least one, whatever its length.
 */
export function subscriptionsPerPage(baseBytes: number, largestSectionBytes: number, budget = CARD_BUDGET): number {
  return Math.max(1, Math.floor((budget - baseBytes) / Math.max(1, largestSectionBytes)));
}

export interface DiagnosisPage {
  /** This page's diagnoses, blocked subscriptions first. */
  diagnoses: SubscriptionDiagnosis[];
  /** Zero-based, within 0 … pages-1. */
  page: number;
  pages: number;
  /** One-based positions of the first and last shown among `total`. */
  first: number;
  last: number;
  total: number;
}

/** Blocked subscriptions first, otherwise in the tenant's order, so every page is the same slice on every turn. */
function blockedFirst(diagnoses: readonly SubscriptionDiagnosis[]): SubscriptionDiagnosis[] {
  return [...diagnoses].sort((a, b) => Number(b.blockers.length > 0) - Number(a.blockers.length > 0));
}

/** One page of `perPage` subscriptions; a page past the end is the last page. */
export function diagnosisPage(diagnoses: readonly SubscriptionDiagnosis[], requested: number, perPage: number): DiagnosisPage {
  const { items: shown, page, pages } = pageOf(blockedFirst(diagnoses), requested, perPage);
  return { diagnoses: shown, page, pages, first: page * perPage + 1, last: page * perPage + shown.length, total: diagnoses.length };
}
