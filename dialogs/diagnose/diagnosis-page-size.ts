import type { SubscriptionDiagnosis } from '../../domain/diagnosis';
import { diagnosisCard } from '../../cards/diagnosis-card';
import { Remembered, rememberedKey } from '../../cards/remembered';
import { subscriptionsPerPage, type DiagnosisPage } from './diagnosis-pages';
import { diagnosisView, type DiagnosisViewContext } from './diagnosis-view';

/**
 * How many subscriptions this tenant's diagnosis cards show at a time, in this language and for this
 * viewer: measured on the cards themselves, so a tenant of short sections gets long pages and one
 * whose subscriptions are each held back by everything at once gets short ones, and no card outgrows
 * what Teams accepts.
 */
export function subscriptionsPerCard(context: DiagnosisViewContext, diagnoses: readonly SubscriptionDiagnosis[]): number {
  // Measuring renders every section (30 ms for 100 subscriptions even from the card cache): once per tenant snapshot and reading.
  const key = rememberedKey(context.lng, context.guiding, JSON.stringify(diagnoses));
  return measured.get([context.snapshot], key, () => measure(context, diagnoses));
}

const measured = new Remembered<number>(16);

function measure(context: DiagnosisViewContext, diagnoses: readonly SubscriptionDiagnosis[]): number {
  const total = diagnoses.length;
  // The widest paging a card can have: both buttons, and the longest numbers in "shown x–y of n".
  const widest: DiagnosisPage = { diagnoses: [], page: 1, pages: 3, first: Math.max(1, total - 1), last: total, total };
  const bytes = (shown: SubscriptionDiagnosis[]) => Buffer.byteLength(JSON.stringify(diagnosisCard(diagnosisView(context, diagnoses, { ...widest, diagnoses: shown }))));
  const base = bytes([]);
  const largest = Math.max(...diagnoses.map((diagnosis) => bytes([diagnosis]) - base));
  return subscriptionsPerPage(base, largest);
}
