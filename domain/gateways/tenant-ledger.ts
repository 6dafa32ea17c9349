import { newSubscriptionFrom } from '../automatic-change';
import { findPlan } from '../catalogue';
import { isReplacementDone, replaceUserLicence, type LicenceReplacement } from '../licence-replacement';
import type { Subscription, TenantSnapshot, User } from '../snapshot/schema';
import type { BatchItemOutcome, BatchOutcome, CreateSubscriptionRequest } from '../tenant.port';

// The writes of the TenantGateway port applied to a snapshot, shared by the in-memory and file gateways
// so both behave alike. Lookups are built once, so a batch costs its own size, not the tenant's.

/** The id a subscription created under `idempotencyKey` gets: the same key always names the same subscription. */
export function subscriptionIdForKey(idempotencyKey: string): string {
  // cyrb53: a 53-bit string hash, plenty against accidental collisions between job ids.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < idempotencyKey.length; i++) {
    const ch = idempotencyKey.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `sub-${hash.toString(36).padStart(11, '0')}`;
}

const INACTIVE = new Set<Subscription['status']>(['deleted', 'suspended']);

export class TenantLedger {
  private readonly base: TenantSnapshot;
  private readonly subscriptions: Subscription[];
  private readonly users: User[];
  private readonly positions = new Map<string, number>();
  private readonly assigned = new Map<string, number>();

  constructor(snapshot: TenantSnapshot) {
    this.base = snapshot;
    this.subscriptions = [...snapshot.subscriptions];
    this.users = [...snapshot.users];
    this.users.forEach((user, index) => this.positions.set(user.id, index));
  }

  snapshot(): TenantSnapshot {
    return { ...this.base, subscriptions: [...this.subscriptions], users: [...this.users] };
  }

  /** Creates the subscription unless the key's subscription exists. Throws on an unknown subscription or plan (a caller's bug). */
  createSubscription(request: CreateSubscriptionRequest): { subscriptionId: string; created: boolean } {
    const subscriptionId = subscriptionIdForKey(request.idempotencyKey);
    if (this.subscriptions.some((s) => s.id === subscriptionId)) return { subscriptionId, created: false };
    const old = this.subscriptions.find((s) => s.id === request.basedOnSubscriptionId);
    if (!old) throw new Error(`createSubscription: no subscription ${request.basedOnSubscriptionId}`);
    if (!findPlan(request.planId)) throw new Error(`createSubscription: no plan ${request.planId}`);
    this.subscriptions.push(
      newSubscriptionFrom(old, {
        id: subscriptionId,
        planId: request.planId,
        startDate: request.startDate,
        ...(request.addLicenses === undefined ? {} : { addLicenses: request.addLicenses }),
      }),
    );
    this.assigned.set(subscriptionId, 0);
    return { subscriptionId, created: true };
  }

  /** Applies each item on its own; `written` counts the users whose licences changed. */
  replaceLicences(batch: readonly LicenceReplacement[]): { outcome: BatchOutcome; written: number } {
    const items: BatchItemOutcome[] = [];
    let written = 0;
    for (const replacement of batch) {
      const item = this.replaceOne(replacement);
      if (item.status === 'done') written += 1;
      items.push(item);
    }
    return { outcome: { items }, written };
  }

  /** Stops billing (status deleted); false when it already was, or the subscription is unknown. */
  cancelSubscription(subscriptionId: string): boolean {
    const index = this.subscriptions.findIndex((s) => s.id === subscriptionId);
    const subscription = this.subscriptions[index];
    if (!subscription || subscription.status === 'deleted') return false;
    this.subscriptions[index] = { ...subscription, status: 'deleted' };
    return true;
  }

  /** A replacement the tenant cannot make is refused (final, as Graph's 4xx): another try would not change it. */
  private replaceOne(replacement: LicenceReplacement): BatchItemOutcome {
    const { userId } = replacement;
    const position = this.positions.get(userId);
    const user = position === undefined ? undefined : this.users[position];
    if (position === undefined || !user) return { userId, status: 'refused', error: 'USER_NOT_FOUND' };
    if (isReplacementDone(user, replacement)) return { userId, status: 'already-done' };
    const target = this.subscriptions.find((s) => s.id === replacement.addSubscriptionId);
    if (!target) return { userId, status: 'refused', error: 'SUBSCRIPTION_NOT_FOUND' };
    if (INACTIVE.has(target.status)) return { userId, status: 'refused', error: 'SUBSCRIPTION_NOT_ACTIVE' };
    const holds = (subscriptionId: string) => user.licenses.some((l) => l.subscriptionId === subscriptionId);
    if (!holds(replacement.removeSubscriptionId)) return { userId, status: 'refused', error: 'LICENCE_NOT_HELD' };
    const gainsLicence = !holds(target.id);
    if (gainsLicence && this.assignedCount(target.id) >= target.purchasedLicenses) {
      return { userId, status: 'refused', error: 'NOT_ENOUGH_LICENSES' };
    }
    this.users[position] = replaceUserLicence(user, replacement);
    if (gainsLicence) this.assigned.set(target.id, this.assignedCount(target.id) + 1);
    const removed = this.assigned.get(replacement.removeSubscriptionId);
    if (removed !== undefined) this.assigned.set(replacement.removeSubscriptionId, removed - 1);
    return { userId, status: 'done' };
  }

  private assignedCount(subscriptionId: string): number {
    let count = this.assigned.get(subscriptionId);
    if (count === undefined) {
      count = 0;
      for (const user of this.users) if (user.licenses.some((l) => l.subscriptionId === subscriptionId)) count += 1;
      this.assigned.set(subscriptionId, count);
    }
    return count;
  }
}
