import type { TFunction } from 'i18next';
import type { CheckResult } from '../../domain/eligibility';
import { findPlan } from '../../domain/catalogue';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { findingsCard } from '../../cards/findings-card';
import type { Submission } from '../../cards/submissions';
import type { AdaptiveCard } from '../../cards/render';
import { subscriptionNameById, tenantDescribeContext } from '../../cards/subscription-name';
import type { Language } from '../../i18n/languages';

/**
 * The eligibility answer: the way that works now and why, every blocker with its fix, every notice.
 * `boughtInAdminCentre`: the tenant is read through Microsoft Graph, which cannot buy the new plan.
 */
export function eligibilityCard(t: TFunction, lng: Language, snapshot: TenantSnapshot, result: CheckResult, canRun: boolean, boughtInAdminCentre = false): AdaptiveCard {
  const from = findPlan(result.fromPlan)!.name;
  const to = findPlan(result.toPlan)!.name;
  const verdict =
    result.path === 'manual' ? 'manual' : result.canChangeNow ? (boughtInAdminCentre ? 'adminCentre' : canRun ? 'ready' : 'readyNotYou') : 'notYet';
  const actions: { title: string; data: Submission }[] = [];
  if (result.path === 'manual') actions.push({ title: t('changePlan:actions.manual'), data: { verb: 'menu.open', flow: 'manual' } });
  if (result.notices.some((n) => n.code === 'BACKUP_REQUIRED')) actions.push({ title: t('changePlan:actions.backup'), data: { verb: 'menu.open', flow: 'backup' } });
  if (!result.canChangeNow && result.path !== 'manual') actions.push({ title: t('changePlan:actions.checkAgain'), data: { verb: 'menu.open', flow: 'change-plan' } });
  actions.push({ title: t('changePlan:actions.billing'), data: { verb: 'menu.open', flow: 'billing' } });
  return findingsCard({
    lng,
    title: t('changePlan:result.title', { from, to }),
    subtitle: t('changePlan:result.subtitle', { id: subscriptionNameById(result.subscriptionId, snapshot, t, lng) }),
    verdict: t(`changePlan:result.verdict.${verdict}`, { count: result.blockers.length }),
    verdictText: t(`rules:paths.${result.path}.description`),
    verdictStyle: verdict === 'ready' ? 'good' : verdict === 'manual' ? 'attention' : 'warning',
    blockersHeading: t('changePlan:result.blockers', { count: result.blockers.length }),
    noticesHeading: t('changePlan:result.notices'),
    blockers: result.blockers,
    notices: result.notices,
    actions,
    context: tenantDescribeContext(snapshot, t, lng),
  });
}
