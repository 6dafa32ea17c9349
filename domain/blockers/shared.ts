import type { Plan } from '../catalogue';
import type { Blocker } from '../findings';
import type { Subscription, TenantSnapshot } from '../snapshot/schema';

// Blockers that both the automatic change (section 2) and the older wizard (section 4) check.

export function licenceConflict(subscription: Subscription, assigned: number): Blocker | undefined {
  if (assigned <= subscription.purchasedLicenses) return undefined;
  return {
    code: 'MORE_USERS_THAN_LICENSES',
    assigned,
    purchased: subscription.purchasedLicenses,
    excess: assigned - subscription.purchasedLicenses,
  };
}

export function serviceNotReady(subscription: Subscription, plan: Plan, tenant: TenantSnapshot): Blocker | undefined {
  const unhealthy = tenant.serviceHealth
    .filter((entry) => entry.status !== 'healthy' && plan.services.includes(entry.service))
    .map((entry) => entry.service);
  const services = [...new Set(unhealthy)];
  if (subscription.provisioned && services.length === 0) return undefined;
  return { code: 'SERVICE_NOT_READY', notProvisioned: !subscription.provisioned, services };
}

/** Another change in progress or a pending credit check anywhere in the tenant holds every change back. */
export function changeOrCreditCheckPending(tenant: TenantSnapshot, unit: 'business-days' | 'weeks'): Blocker | undefined {
  const live = tenant.subscriptions.filter((s) => s.status !== 'deleted');
  const changeInProgress = live.some((s) => s.changeInProgress);
  const creditCheckPending = live.some((s) => s.creditCheckPending);
  if (!changeInProgress && !creditCheckPending) return undefined;
  return { code: 'CHANGE_OR_CREDIT_CHECK_PENDING', changeInProgress, creditCheckPending, maxWait: { amount: 2, unit } };
}

export function notActiveOrIneligible(subscription: Subscription, allowTrial: boolean): Blocker | undefined {
  const statusOk = subscription.status === 'active' || (allowTrial && subscription.status === 'trial');
  if (statusOk && subscription.eligibleForChange) return undefined;
  return { code: 'SUBSCRIPTION_NOT_ELIGIBLE', status: subscription.status, markedIneligible: !subscription.eligibleForChange };
}
