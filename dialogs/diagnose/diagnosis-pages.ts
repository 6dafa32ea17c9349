import type { SubscriptionDiagnosis } from '../../domain/diagnosis';

/**
 * Subscriptions per diagnosis card. Teams refuses a message over about 28 KB, and every message of
 * this flow stays under 25,000 bytes of JSON. Measured in Polish, the longest language, on the longest
 * diagnosis we can build (test/support/blocked-tenant.ts: every subscription held back by every
 * blocker at once, and the role missing): the first section of a page is up to 6,208 bytes, each one
 * after it up to 5,350 (a blocker that holds tenant-wide is explained once per page), the rest of the
 * message up to 1,715. A page of four is at most 22,587 bytes, 2.4 KB under the limit; five, 27,590.
 */
export const PAGE_SIZE = 4;

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

/** One page of the diagnosis; a page past the end is the last page. */
export function diagnosisPage(diagnoses: readonly SubscriptionDiagnosis[], requested: number): DiagnosisPage {
  const pages = Math.max(1, Math.ceil(diagnoses.length / PAGE_SIZE));
  const page = Math.min(Math.max(0, Math.trunc(requested)), pages - 1);
  const shown = blockedFirst(diagnoses).slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  return { diagnoses: shown, page, pages, first: page * PAGE_SIZE + 1, last: page * PAGE_SIZE + shown.length, total: diagnoses.length };
}
