import type { TFunction } from 'i18next';
import { findPlan } from '../../domain/catalogue';
import type { MovePlan } from '../../domain/move-users';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { indexTenant } from '../../domain/tenant-index';
import { findingsCard } from '../../cards/findings-card';
import type { AdaptiveCard } from '../../cards/render';
import type { Submission } from '../../cards/submissions';
import type { Language } from '../../i18n/languages';
import { subscriptionName, tenantDescribeContext } from '../../cards/subscription-name';

export const planName = (planId: string) => findPlan(planId)?.name ?? planId;

/** What moving the chosen users takes: every blocker with its fix (how many licences to buy), every notice. */
export function movePlanCard(t: TFunction, lng: Language, snapshot: TenantSnapshot, plan: MovePlan, canRun: boolean): AdaptiveCard {
  const index = indexTenant(snapshot);
  const from = index.subscriptionsById.get(plan.fromSubscriptionId)!;
  const to = index.subscriptionsById.get(plan.toSubscriptionId)!;
  const blocked = plan.blockers.length > 0;
  const verdict = blocked ? 'notYet' : canRun ? 'ready' : 'readyNotYou';
  const codes = new Set([...plan.blockers, ...plan.notices].map((f) => f.code));
  const actions: { title: string; data: Submission }[] = [];
  if (codes.has('NOT_ENOUGH_LICENSES') || codes.has('USERS_NOT_ON_SUBSCRIPTION')) actions.push({ title: t('moveUsers:actions.again'), data: { verb: 'menu.open', flow: 'move-users' } });
  if (codes.has('NOT_ENOUGH_LICENSES')) actions.push({ title: t('moveUsers:actions.manual'), data: { verb: 'menu.open', flow: 'manual' } });
  if (codes.has('BACKUP_REQUIRED')) actions.push({ title: t('moveUsers:actions.backup'), data: { verb: 'menu.open', flow: 'backup' } });
  return findingsCard({
    lng,
    title: t('moveUsers:result.title', { from: planName(from.planId), to: planName(to.planId) }),
    subtitle: t('moveUsers:result.subtitle', { count: plan.replacements.length, fromId: subscriptionName(from, snapshot, t, lng), toId: subscriptionName(to, snapshot, t, lng) }),
    verdict: t(`moveUsers:result.verdict.${verdict}`, { count: plan.blockers.length }),
    verdictText: t('rules:paths.move-users.description'),
    verdictStyle: verdict === 'ready' ? 'good' : verdict === 'readyNotYou' ? 'warning' : 'attention',
    blockersHeading: t('moveUsers:result.blockers', { count: plan.blockers.length }),
    noticesHeading: t('moveUsers:result.notices'),
    blockers: plan.blockers,
    notices: plan.notices,
    actions,
    context: tenantDescribeContext(snapshot, t, lng),
  });
}
