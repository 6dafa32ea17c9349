import type { TFunction } from 'i18next';
import { findPlan } from '../../domain/catalogue';
import type { SubscriptionDiagnosis } from '../../domain/diagnosis';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { indexTenant } from '../../domain/tenant-index';
import type { DiagnosedSubscriptionView, DiagnosisCardInput, DiagnosisPaging } from '../../cards/diagnosis-card';
import type { Flow } from '../../cards/submissions';
import { describeFinding } from '../../i18n/describe';
import { subscriptionName, subscriptionNameById, tenantDescribeContext } from '../../cards/subscription-name';
import { formatNumber } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import type { DiagnosisPage } from './diagnosis-pages';

export interface DiagnosisViewContext {
  t: TFunction;
  lng: Language;
  snapshot: TenantSnapshot;
  /** A helpdesk agent guiding this customer: said once at the top instead of a role blocker per subscription. */
  guiding: boolean;
}

/** The flows the diagnosis card opens, with their buttons' words. */
export const NEXT_FLOWS = [
  { flow: 'change-plan', key: 'diagnose:actions.changePlan' },
  { flow: 'manual', key: 'diagnose:actions.manual' },
] as const satisfies readonly { flow: Flow; key: string }[];

/**
 * The diagnosis in words: the overview of every subscription, and one page of them, blocked ones
 * first. A blocker that holds for several subscriptions alike (service health, a pending credit
 * check) is explained once on the page and named after that, so a page still reads in one pass.
 */
export function diagnosisView(context: DiagnosisViewContext, diagnoses: readonly SubscriptionDiagnosis[], page: DiagnosisPage): DiagnosisCardInput {
  const { t, lng, snapshot } = context;
  const index = indexTenant(snapshot);
  const explainedUnder = new Map<string, string>();
  const describeContext = tenantDescribeContext(snapshot, t, lng);
  const subscriptions = page.diagnoses.map((diagnosis): DiagnosedSubscriptionView => {
    const subscription = index.subscriptionsById.get(diagnosis.subscriptionId)!;
    const blockers = diagnosis.blockers.map((blocker) => {
      const described = describeFinding(blocker, lng, describeContext);
      // What the admin reads, not the finding: a pending credit check holds back every subscription and
      // reads the same under each, though its finding says on which subscription it is.
      const key = JSON.stringify([described.title, described.explanation, described.resolution ?? '']);
      const first = explainedUnder.get(key);
      if (first !== undefined) return { title: described.title, explanation: t('diagnose:card.sameAsAbove', { id: subscriptionNameById(first, snapshot, t, lng) }), fix: '' };
      explainedUnder.set(key, diagnosis.subscriptionId);
      return { title: described.title, explanation: described.explanation, fix: described.resolution ? t('diagnose:card.fix', { resolution: described.resolution }) : '' };
    });
    return {
      // The plan's name, and what tells two subscriptions of one plan apart; the id is in the facts below.
      plan: subscriptionName(subscription, snapshot, t, lng),
      facts: [
        { label: t('diagnose:card.facts.subscription'), value: diagnosis.subscriptionId },
        { label: t('diagnose:card.facts.status'), value: t(`rules:statuses.${subscription.status}`) },
        { label: t('diagnose:card.facts.users'), value: formatNumber(index.holders(diagnosis.subscriptionId).length, lng) },
        { label: t('diagnose:card.facts.licences'), value: formatNumber(subscription.purchasedLicenses, lng) },
        { label: t('diagnose:card.facts.way'), value: t(`rules:paths.${diagnosis.way}.title`) },
      ],
      verdict: blockers.length === 0 ? t(`diagnose:card.clear.${diagnosis.way}`) : t('diagnose:card.blocked', { count: blockers.length }),
      verdictColor: blockers.length === 0 ? 'good' : 'attention',
      blockers,
    };
  });
  const blocked = diagnoses.filter((d) => d.blockers.length > 0).length;
  const notes: string[] = [];
  if (snapshot.tenant.billingAccountType === 'MCA') notes.push(t('diagnose:card.mca'));
  if (context.guiding) notes.push(t('diagnose:card.helpdesk', { tenant: snapshot.tenant.name }));
  return {
    title: t('diagnose:card.title'),
    intro: t('diagnose:card.intro', { tenant: snapshot.tenant.name, count: diagnoses.length }),
    overview: blocked === 0 ? t('diagnose:card.overview.clear', { count: diagnoses.length }) : t('diagnose:card.overview.blocked', { count: blocked }),
    overviewStyle: blocked === 0 ? 'good' : 'warning',
    notes,
    subscriptions,
    ...(page.pages > 1 ? { paging: pagingView(t, lng, page) } : {}),
    actions: NEXT_FLOWS.map(({ flow, key }) => ({ title: t(key), flow })),
  };
}

/** "Showing 5–8 of 100 subscriptions", and the buttons to the pages before and after. */
function pagingView(t: TFunction, lng: Language, page: DiagnosisPage): DiagnosisPaging {
  const range = page.first === page.last ? formatNumber(page.first, lng) : `${formatNumber(page.first, lng)}–${formatNumber(page.last, lng)}`;
  return {
    shown: t('diagnose:card.page.shown', { range, count: page.total }),
    ...(page.page > 0 ? { previous: { title: t('diagnose:card.page.previous'), page: page.page - 1 } } : {}),
    ...(page.page + 1 < page.pages ? { next: { title: t('diagnose:card.page.next'), page: page.page + 1 } } : {}),
  };
}
