import type { TFunction } from 'i18next';
import { findPlan } from '../domain/catalogue';
import type { Subscription, TenantSnapshot } from '../domain/snapshot/schema';
import { organisationDomain } from '../domain/organisation-domain';
import type { DescribeContext } from '../i18n/describe';
import { formatDate } from '../i18n/format';
import type { Language } from '../i18n/languages';

// People know a subscription by its plan ("Microsoft 365 Business Standard"), not by its id. Where two
// live subscriptions of the organisation share a plan, a short detail tells them apart: the start
// date (it never changes), or else the number of licences. The id is for the details line only.

export function planName(planId: string): string {
  return findPlan(planId)?.name ?? planId;
}

/** What tells this subscription apart from the others of its plan: 'start', 'licences', 'both', or nothing when it is the only one. */
function distinction(subscription: Subscription, snapshot: TenantSnapshot): 'start' | 'licences' | 'both' | undefined {
  const same = snapshot.subscriptions.filter((s) => s.planId === subscription.planId && s.id !== subscription.id && s.status !== 'deleted');
  if (same.length === 0) return undefined;
  if (same.every((s) => s.startDate !== subscription.startDate)) return 'start';
  if (same.every((s) => s.purchasedLicenses !== subscription.purchasedLicenses)) return 'licences';
  return 'both';
}

/** The subscription as a person names it: its plan, and where needed what tells it apart. */
export function subscriptionName(subscription: Subscription, snapshot: TenantSnapshot, t: TFunction, lng: Language): string {
  const plan = planName(subscription.planId);
  const since = formatDate(subscription.startDate, lng);
  switch (distinction(subscription, snapshot)) {
    case 'start':
      return t('bot:subscription.since', { plan, date: since });
    case 'licences':
      return t('bot:subscription.licences', { plan, count: subscription.purchasedLicenses });
    case 'both':
      return t('bot:subscription.both', { plan, date: since, count: subscription.purchasedLicenses });
    default:
      return plan;
  }
}

/** The subscription named by its id, or the id itself when the organisation has no such subscription. */
export function subscriptionNameById(id: string, snapshot: TenantSnapshot, t: TFunction, lng: Language): string {
  const subscription = snapshot.subscriptions.find((s) => s.id === id);
  return subscription ? subscriptionName(subscription, snapshot, t, lng) : id;
}

/**
 * How findings about this tenant are worded for a person: subscriptions and users by name, and the
 * organisation's own domain for SharePoint addresses.
 */
export function tenantDescribeContext(snapshot: TenantSnapshot, t: TFunction, lng: Language): DescribeContext {
  const users = new Map(snapshot.users.map((user) => [user.id, user.displayName]));
  return {
    orgDomain: organisationDomain(snapshot.tenant),
    userName: (id) => users.get(id) ?? id,
    subscriptionName: (id) => subscriptionNameById(id, snapshot, t, lng),
  };
}
