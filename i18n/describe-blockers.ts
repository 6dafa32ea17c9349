import type { Blocker } from '../domain/findings';
import type { DescriberTable } from './describer';

// Blockers of a change (domain-rules.md sections 2, 4 and 5): which keys explain each, with which values.

export const BLOCKER_DESCRIBERS: DescriberTable<Blocker> = {
  MORE_USERS_THAN_LICENSES: (f) => ({
    vars: { count: f.excess, assigned: f.assigned, purchased: f.purchased },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  SERVICE_NOT_READY: (f, w) => {
    const explanation = [];
    if (f.notProvisioned || f.services.length === 0) explanation.push('explanation.notProvisioned');
    if (f.services.length > 0) explanation.push('explanation.unhealthy');
    // Each service with its own status: an advisory is called an advisory, not an incident.
    const health = f.health
      ? w.list(f.health.map((h) => `${w.t(`services.${h.service}`)}: ${w.t(`healthStatuses.${h.status}`)}`))
      : w.services(f.services);
    const status = w.t(`healthStatuses.${f.health?.[0]?.status ?? 'degraded'}`);
    return { vars: { count: f.services.length, services: w.services(f.services), health, status }, explanation, resolution: 'resolution' };
  },
  CHANGE_OR_CREDIT_CHECK_PENDING: (f, w) => {
    const explanation = [];
    // Say where the other change runs: on this subscription, or on another one of the tenant.
    const elsewhere = f.onThisSubscription === false;
    if (f.changeInProgress || !f.creditCheckPending) explanation.push(elsewhere ? 'explanation.changeInProgressElsewhere' : 'explanation.changeInProgress');
    if (f.creditCheckPending) explanation.push('explanation.creditCheckPending');
    const unit = f.maxWait.unit === 'weeks' ? 'weeks' : 'businessDays';
    return {
      vars: { count: f.maxWait.amount, subscriptions: w.subscriptions(f.subscriptionIds ?? []) },
      explanation,
      resolution: f.creditCheckPending ? `resolution.${unit}` : 'resolution.changeInProgress',
    };
  },
  SUBSCRIPTION_NOT_ELIGIBLE: (f, w) => {
    const explanation = [];
    if (f.markedIneligible || f.status === 'active') explanation.push('explanation.markedIneligible');
    if (f.status !== 'active') explanation.push('explanation.status');
    return { vars: { status: w.t(`statuses.${f.status}`) }, explanation, resolution: 'resolution' };
  },
  MULTIPLE_PLANS_SAME_PRODUCT: (f, w) => ({
    vars: { count: f.subscriptionIds.length, subscriptions: w.subscriptions(f.subscriptionIds) },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  GOVERNMENT_OR_NONPROFIT: (f) => ({
    vars: {},
    explanation: [f.segment === 'nonprofit' ? 'explanation.nonprofit' : 'explanation.government'],
    resolution: 'resolution',
  }),
  TARGET_NOT_SUPPORTED: (f, w) => {
    const variant = f.reason === 'fewer-services' ? 'fewerServices' : 'notOffered';
    return {
      vars: { count: f.services.length, services: w.services(f.services) },
      explanation: [`explanation.${variant}`],
      resolution: `resolution.${variant}`,
    };
  },
  ADD_ON_BLOCKS: (f, w) => ({
    vars: { count: f.addOns.length, addOns: w.list(f.addOns) },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  UNPAID_INVOICE_BALANCE: (f, w) => ({
    vars: { amount: w.money(f.balance) },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  ADMIN_ROLE_REQUIRED: (f, w) => ({
    vars: { count: f.allowedRoles.length, roles: w.roles(f.allowedRoles) },
    explanation: [f.reason === 'not-in-tenant' ? 'explanation.notInTenant' : 'explanation.role'],
    resolution: 'resolution',
  }),
  WIZARD_TOO_MANY_USERS: (f) => ({
    vars: { count: f.users, limit: f.limit },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  SMALL_BUSINESS_LEGACY_25: (f) => ({
    vars: { count: f.users, limit: f.limit },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  PREPAID_NOT_SUPPORTED: () => ({ vars: {}, explanation: ['explanation'], resolution: 'resolution' }),
  TRIAL_MUST_BUY_FIRST: () => ({ vars: {}, explanation: ['explanation'], resolution: 'resolution' }),
  WIZARD_PAIR_NOT_ELIGIBLE: (f, w) => ({
    vars: { plans: w.plans(f.eligibleTargets) },
    explanation: [f.eligibleTargets.length > 0 ? 'explanation.withTargets' : 'explanation.noTargets'],
    resolution: 'resolution',
  }),
  NOT_ENOUGH_LICENSES: (f, w) => ({
    vars: { count: f.toBuy, needed: f.needed, available: f.available, subscriptionId: w.subscription(f.subscriptionId) },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  SUBSCRIPTION_OTHER_ORGANISATION: (f) => ({
    // Not in this organisation: the id is all there is to name it by.
    vars: { subscriptionId: f.subscriptionId },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  SUBSCRIPTION_NOT_ACTIVE: (f, w) => ({
    vars: { subscriptionId: w.subscription(f.subscriptionId), status: w.t(`statuses.${f.status}`) },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
  USERS_NOT_ON_SUBSCRIPTION: (f, w) => ({
    vars: { count: f.userIds.length, users: w.users(f.userIds), subscriptionId: w.subscription(f.subscriptionId) },
    explanation: ['explanation'],
    resolution: 'resolution',
  }),
};
