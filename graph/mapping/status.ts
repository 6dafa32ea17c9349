import type { SubscriptionStatus } from '../../domain/vocabulary';
import type { GraphCompanySubscription } from '../read/types';

// A SKU's status from its commercial subscriptions (GET /directory/subscriptions), else from the SKU's
// capabilityStatus: the best state any of them is in, since the licence pool works while one is live.

const BY_GRAPH: Readonly<Record<string, SubscriptionStatus>> = {
  enabled: 'active',
  warning: 'warning',
  suspended: 'suspended',
  lockedout: 'suspended',
  deleted: 'deleted',
};

const ORDER: readonly SubscriptionStatus[] = ['active', 'trial', 'warning', 'suspended', 'deleted'];

function one(subscription: GraphCompanySubscription): SubscriptionStatus {
  const status = BY_GRAPH[subscription.status.toLowerCase()] ?? 'warning';
  return status === 'active' && subscription.isTrial ? 'trial' : status;
}

export function skuStatus(capabilityStatus: string, subscriptions: readonly GraphCompanySubscription[]): SubscriptionStatus {
  if (subscriptions.length === 0) return BY_GRAPH[capabilityStatus.toLowerCase()] ?? 'warning';
  return subscriptions.map(one).reduce((best, s) => (ORDER.indexOf(s) < ORDER.indexOf(best) ? s : best));
}
