import { findPlan } from './catalogue';
import { addMonths } from './dates';
import { applyReplacements, type LicenceReplacement } from './licence-replacement';
import { fromUsdCents, toDecimal } from './money';
import type { Subscription, TenantSnapshot } from './snapshot/schema';

// The effect of a completed automatic change (domain-rules.md sections 1 and 5): a new subscription
// of the target plan, every user of the old one moved onto it, the old one's billing stopped.

export interface AutomaticChangeEffect {
  subscriptionId: string;
  toPlan: string;
  newSubscriptionId: string;
  /** The day the change completed (YYYY-MM-DD): the old billing stops, the new one starts. */
  completedOn: string;
  /** Licences bought on top of the old count; licences may be added while switching, never removed. */
  addLicenses?: number;
}

export interface NewSubscriptionRequest {
  id: string;
  planId: string;
  startDate: string;
  addLicenses?: number;
}

/** A non-negative whole number of licences to add; anything else adds none. */
export function licencesToAdd(addLicenses: number | undefined): number {
  if (addLicenses === undefined || !Number.isFinite(addLicenses)) return 0;
  return Math.max(0, Math.floor(addLicenses));
}

/**
 * The subscription bought by a change: the old one's billing terms, the new plan, active from
 * `startDate` for one term, the catalogue price in the old currency (the old price when no rate is known),
 * at least as many licences as before, nothing owed, no add-ons.
 */
export function newSubscriptionFrom(old: Subscription, request: NewSubscriptionRequest): Subscription {
  const plan = findPlan(request.planId);
  const price = plan ? fromUsdCents(plan.listPriceUsdCents, old.currency) : undefined;
  return {
    ...old,
    id: request.id,
    planId: request.planId,
    status: 'active',
    purchasedLicenses: old.purchasedLicenses + licencesToAdd(request.addLicenses),
    startDate: request.startDate,
    renewalDate: addMonths(request.startDate, old.billingFrequency === 'annual' ? 12 : 1),
    pricePerLicensePerMonth: price ? toDecimal(price) : old.pricePerLicensePerMonth,
    unpaidBalance: 0,
    prepaidRemainingValue: 0,
    provisioned: true,
    changeInProgress: false,
    creditCheckPending: false,
    beforeServiceUpgrade: false,
    addOns: [],
  };
}

/** The snapshot with the new subscription added after the others; unchanged when `request.id` already exists. */
export function withNewSubscription(snapshot: TenantSnapshot, basedOnSubscriptionId: string, request: NewSubscriptionRequest): TenantSnapshot {
  if (snapshot.subscriptions.some((s) => s.id === request.id)) return snapshot;
  const old = snapshot.subscriptions.find((s) => s.id === basedOnSubscriptionId);
  if (!old || !findPlan(request.planId)) return snapshot;
  return { ...snapshot, subscriptions: [...snapshot.subscriptions, newSubscriptionFrom(old, request)] };
}

/** The snapshot with the subscription's billing stopped (status deleted); unchanged when already so or unknown. */
export function withSubscriptionCancelled(snapshot: TenantSnapshot, subscriptionId: string): TenantSnapshot {
  const target = snapshot.subscriptions.find((s) => s.id === subscriptionId);
  if (!target || target.status === 'deleted') return snapshot;
  return {
    ...snapshot,
    subscriptions: snapshot.subscriptions.map((s) => (s.id === subscriptionId ? { ...s, status: 'deleted' as const } : s)),
  };
}

/** Every holder of the subscription's licence, sorted by user id, moving to `toSubscriptionId`. */
export function holderReplacements(snapshot: TenantSnapshot, fromSubscriptionId: string, toSubscriptionId: string): LicenceReplacement[] {
  return snapshot.users
    .filter((user) => user.licenses.some((license) => license.subscriptionId === fromSubscriptionId))
    .map((user) => user.id)
    .sort(compareIds)
    .map((userId) => ({ userId, removeSubscriptionId: fromSubscriptionId, addSubscriptionId: toSubscriptionId }));
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The tenant after a completed automatic change. Each user of the old subscription holds the new one's
 * licence in the old one's place in their list, with every service on (custom settings reset); their other
 * licences stay, so a multi-subscription pattern is kept. The old subscription ends deleted.
 * Idempotent, and unchanged when the old subscription or the plan is unknown or the ids coincide.
 */
export function applyAutomaticChange(snapshot: TenantSnapshot, change: AutomaticChangeEffect): TenantSnapshot {
  if (change.newSubscriptionId === change.subscriptionId) return snapshot;
  if (!findPlan(change.toPlan)) return snapshot;
  if (!snapshot.subscriptions.some((s) => s.id === change.subscriptionId)) return snapshot;
  const bought = withNewSubscription(snapshot, change.subscriptionId, {
    id: change.newSubscriptionId,
    planId: change.toPlan,
    startDate: change.completedOn,
    ...(change.addLicenses === undefined ? {} : { addLicenses: change.addLicenses }),
  });
  const moved = applyReplacements(bought, holderReplacements(bought, change.subscriptionId, change.newSubscriptionId));
  return withSubscriptionCancelled(moved, change.subscriptionId);
}
