import { findPlan } from '../../domain/catalogue';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { PlanWatch } from './plan-watch';

// What a look at the tenant says about a watched plan change. Pure: the watcher acts on it.

export type WatchOutcome =
  /** The new plan is not there yet (or not active). */
  | { kind: 'waiting' }
  /** It is there but has too few free licences for the people still on the old subscription. */
  | { kind: 'short'; toSubscriptionId: string; needed: number; free: number }
  /** It is there with room: these people are still on the old subscription and move to it. */
  | { kind: 'move'; toSubscriptionId: string; userIds: string[] }
  /** Everyone recorded holds the new plan, but some lost services they had switched off. */
  | { kind: 'customisations-lost'; toSubscriptionId: string; lost: { userId: string; displayName: string; services: string[] }[] }
  /** Everyone recorded holds the new plan with the services they had. */
  | { kind: 'complete'; toSubscriptionId: string };

const LIVE = new Set(['active', 'trial', 'warning']);

export function watchOutcome(watch: PlanWatch, snapshot: TenantSnapshot): WatchOutcome {
  const target = snapshot.subscriptions.find((s) => s.planId === watch.toPlan && s.id !== watch.fromSubscriptionId && LIVE.has(s.status));
  if (!target) return { kind: 'waiting' };
  const users = new Map(snapshot.users.map((u) => [u.id, u]));
  const targetServices = new Set<string>(findPlan(watch.toPlan)?.services ?? []);
  const toMove: string[] = [];
  const lost: { userId: string; displayName: string; services: string[] }[] = [];
  for (const holder of watch.holders) {
    const user = users.get(holder.userId);
    // Someone who left the organisation or lost the licence meanwhile is no longer the watch's business.
    if (!user) continue;
    const onTarget = user.licenses.find((l) => l.subscriptionId === target.id);
    if (!onTarget) {
      if (user.licenses.some((l) => l.subscriptionId === watch.fromSubscriptionId)) toMove.push(user.id);
      continue;
    }
    const missing = holder.disabledServices.filter((service) => targetServices.has(service) && !(onTarget.disabledServices as readonly string[]).includes(service));
    if (missing.length > 0) lost.push({ userId: user.id, displayName: holder.displayName, services: missing });
  }
  if (toMove.length > 0) {
    const assigned = snapshot.users.filter((u) => u.licenses.some((l) => l.subscriptionId === target.id)).length;
    const free = Math.max(0, target.purchasedLicenses - assigned);
    if (free < toMove.length) return { kind: 'short', toSubscriptionId: target.id, needed: toMove.length, free };
    return { kind: 'move', toSubscriptionId: target.id, userIds: toMove };
  }
  if (lost.length > 0) return { kind: 'customisations-lost', toSubscriptionId: target.id, lost };
  return { kind: 'complete', toSubscriptionId: target.id };
}
