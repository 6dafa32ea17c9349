import type { TFunction } from 'i18next';
import { findPlan } from '../../domain/catalogue';
import type { ManualChangePlan, ManualStep } from '../../domain/manual-change';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { indexTenant } from '../../domain/tenant-index';
import { manualChecklistCard, type ChecklistStep } from '../../cards/manual-checklist-card';
import type { AdaptiveCard } from '../../cards/render';
import { subscriptionName, tenantDescribeContext } from '../../cards/subscription-name';
import { describeFinding, type DescribeContext } from '../../i18n/describe';
import { formatNumber } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { mailDomain } from '../../i18n/mail-domain';

const planName = (planId: string) => findPlan(planId)?.name ?? planId;

/**
 * The checklist of a manual change (the sv article "Ändra planer manuellt"): the four steps, each
 * with its status as found in the tenant just now, its blockers with their fixes, and its notes.
 */
export function checklistCard(t: TFunction, lng: Language, snapshot: TenantSnapshot, plan: ManualChangePlan, canMove: boolean): AdaptiveCard {
  const index = indexTenant(snapshot);
  const fromSub = index.subscriptionsById.get(plan.fromSubscriptionId)!;
  const toSub = plan.toSubscriptionId ? index.subscriptionsById.get(plan.toSubscriptionId) : undefined;
  const from = planName(fromSub.planId);
  const to = planName(plan.toPlan);
  const domain = snapshot.tenant.domains[0] ?? '';
  const context: DescribeContext = tenantDescribeContext(snapshot, t, lng);
  const describe = (finding: Parameters<typeof describeFinding>[0]) => describeFinding(finding, lng, context);
  const stillOnOld = index.holders(fromSub.id);
  // Subscriptions by their plan's name (and what tells two of one plan apart), not by id.
  const fromName = subscriptionName(fromSub, snapshot, t, lng);
  const toName = toSub ? subscriptionName(toSub, snapshot, t, lng) : to;

  const live = (step: ManualStep): { live: string[]; notes: string[] } => {
    switch (step.step) {
      case 1:
        return {
          live: [toSub ? t('manual:checklist.step1.have', { subscription: toName }) : t('manual:checklist.step1.buy', { plan: to, domain, count: plan.licencesToBuy })],
          notes: [],
        };
      case 2: {
        // The 24 hours come from the older (Office 365) article, where the old subscription is removed first.
        const olderPlan = findPlan(fromSub.planId)?.generation === 'legacy';
        const notes = step.status === 'done' || !olderPlan ? [] : [t('rules:manualSteps.appearNote')];
        if (!toSub) return { live: [t('manual:checklist.step2.waiting')], notes };
        const needed = stillOnOld.filter((u) => !u.licenses.some((l) => l.subscriptionId === toSub.id)).length;
        const available = Math.max(0, toSub.purchasedLicenses - index.holders(toSub.id).length);
        return {
          live: [
            t('manual:checklist.step2.checked', {
              from: fromName,
              fromStatus: t(`rules:statuses.${fromSub.status}`),
              to: toName,
              toStatus: t(`rules:statuses.${toSub.status}`),
            }),
            t('manual:checklist.step2.licences', { to: toName, available: formatNumber(available, lng), needed: formatNumber(needed, lng) }),
          ],
          notes,
        };
      }
      case 3:
        return {
          live: [
            step.status === 'done'
              ? t('manual:checklist.step3.done', { to: toName })
              : toSub
                ? t('manual:checklist.step3.todo', { count: stillOnOld.length, from: fromName, to: toName })
                : t('manual:checklist.step3.waiting'),
          ],
          notes: [],
        };
      case 4:
        return { live: [], notes: snapshot.tenant.billingAccountType === 'MCA' ? [t('rules:manualSteps.mcaNote')] : [] };
    }
  };

  const steps: ChecklistStep[] = plan.steps.map((step) => ({
    status: step.status,
    title: t(`rules:manualSteps.step${step.step}.title`),
    text: t(`rules:manualSteps.step${step.step}.text`, { domain: mailDomain(snapshot.tenant.domains) }),
    ...live(step),
    blockers: step.blockers.map(describe),
    notices: step.notices.map(describe),
  }));
  return manualChecklistCard(t, {
    title: t('manual:checklist.title', { from, to }),
    subtitle: t('manual:checklist.subtitle', { id: fromName, count: plan.movingUsers }),
    intro: t('rules:paths.manual.description'),
    progress: t('manual:checklist.progress', {
      done: formatNumber(plan.steps.filter((s) => s.status === 'done').length, lng),
      total: formatNumber(plan.steps.length, lng),
    }),
    steps,
    notices: plan.notices.map(describe),
    canMove,
  });
}
