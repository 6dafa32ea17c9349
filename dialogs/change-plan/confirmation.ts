import type { TFunction } from 'i18next';
import { findPlan } from '../../domain/catalogue';
import { newSubscriptionCost } from '../../domain/billing';
import type { CheckResult } from '../../domain/eligibility';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { indexTenant } from '../../domain/tenant-index';
import { confirmSwitchCard } from '../../cards/confirm-switch-card';
import { subscriptionName } from '../../cards/subscription-name';
import type { AdaptiveCard } from '../../cards/render';
import { formatMoney, formatNumber } from '../../i18n/format';
import type { Language } from '../../i18n/languages';

/** The confirmation card's summary: what exactly will happen to whom, and for how much. */
export function confirmChangeCard(t: TFunction, lng: Language, snapshot: TenantSnapshot, result: CheckResult, confirmationId: string): AdaptiveCard {
  const subscription = snapshot.subscriptions.find((s) => s.id === result.subscriptionId)!;
  const from = findPlan(result.fromPlan)!;
  const to = findPlan(result.toPlan)!;
  const users = indexTenant(snapshot).holders(subscription.id).length;
  const cost = newSubscriptionCost(subscription, to);
  const wizard = result.path === 'legacy-wizard';
  const facts = [
    { label: t('changePlan:confirm.subscription'), value: subscriptionName(subscription, snapshot, t, lng) },
    { label: t('changePlan:confirm.from'), value: from.name },
    { label: t('changePlan:confirm.to'), value: to.name },
    { label: t('changePlan:confirm.users'), value: formatNumber(users, lng) },
    { label: t('changePlan:confirm.licences'), value: formatNumber(subscription.purchasedLicenses, lng) },
    { label: t('changePlan:confirm.way'), value: t(`rules:paths.${result.path}.title`) },
    ...(cost
      ? [{ label: t(`changePlan:confirm.cost.${subscription.billingFrequency}`), value: formatMoney(cost, lng) }]
      : []),
  ];
  const effects = wizard
    ? ['rules:effects.users', 'rules:effects.wizard.admins', 'rules:effects.wizard.duration', 'rules:effects.noReassign', 'rules:effects.wizard.billing', 'rules:effects.credit']
    : ['rules:effects.users', 'rules:effects.admins', 'rules:effects.noReassign', 'rules:effects.usersAndData', 'rules:effects.billing', 'rules:effects.credit', 'rules:effects.creditTiming'];
  return confirmSwitchCard(t, {
    confirmationId,
    title: t('changePlan:confirm.title'),
    intro: t('changePlan:confirm.intro', { from: from.name, to: to.name, count: users }),
    facts,
    happensHeading: t('changePlan:confirm.happens'),
    happens: effects.map((key) => t(key)),
  });
}
