import type { Plan } from '../catalogue';
import type { Blocker } from '../findings';
import type { Subscription, TenantSnapshot } from '../snapshot/schema';
import type { HealthStatus, Service } from '../vocabulary';

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

const SEVERITY: Readonly<Record<HealthStatus, number>> = { healthy: 0, advisory: 1, degraded: 2, incident: 3 };

export function serviceNotReady(subscription: Subscription, plan: Plan, tenant: TenantSnapshot): Blocker | undefined {
  const worst = new Map<Service, Exclude<HealthStatus, 'healthy'>>();
  for (const entry of tenant.serviceHealth) {
    if (entry.status === 'healthy' || !plan.services.includes(entry.service)) continue;
    const seen = worst.get(entry.service);
    if (!seen || SEVERITY[entry.status] > SEVERITY[seen]) worst.set(entry.service, entry.status);
  }
  if (subscription.provisioned && worst.size === 0) return undefined;
  const health = [...worst].map(([service, status]) => ({ service, status }));
  return { code: 'SERVICE_NOT_READY', notProvisioned: !subscription.provisioned, services: health.map((h) => h.service), health };
}

/** Another change in progress or a pending credit check anywhere in the tenant holds every change back. */
export function changeOrCreditCheckPending(tenant: TenantSnapshot, subscription: Subscription, unit: 'business-days' | 'weeks'): Blocker | undefined {
  const pending = tenant.subscriptions.filter((s) => s.status !== 'deleted' && (s.changeInProgress || s.creditCheckPending));
  if (pending.length === 0) return undefined;
  return {
    code: 'CHANGE_OR_CREDIT_CHECK_PENDING',
    changeInProgress: pending.some((s) => s.changeInProgress),
    creditCheckPending: pending.some((s) => s.creditCheckPending),
    subscriptionIds: pending.map((s) => s.id),
    onThisSubscription: pending.some((s) => s.id === subscription.id),
    maxWait: { amount: 2, unit },
  };
}

/** A trial asks to buy the plan being tried first (the nb article's note); it is not "not eligible". */
export function trialBlocker(subscription: Subscription): Blocker | undefined {
  return subscription.status === 'trial' ? { code: 'TRIAL_MUST_BUY_FIRST' } : undefined;
}

/** MOSA and the wizard: a subscription that is not active, or is marked not eligible, changes only manually. */
export function notActiveOrIneligible(subscription: Subscription): Blocker | undefined {
  if (subscription.status === 'trial') return trialBlocker(subscription);
  if (subscription.status === 'active' && subscription.eligibleForChange) return undefined;
  return { code: 'SUBSCRIPTION_NOT_ELIGIBLE', status: subscription.status, markedIneligible: !subscription.eligibleForChange };
}
