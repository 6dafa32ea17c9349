import type { Subscription, TenantSnapshot, User } from './snapshot/schema';

/**
 * Lookups over one snapshot, built in a single pass so a check on a 100,000-user tenant
 * stays linear: licence holders per subscription, users by id and by UPN.
 */
export interface TenantIndex {
  snapshot: TenantSnapshot;
  subscriptionsById: Map<string, Subscription>;
  usersById: Map<string, User>;
  usersByUpn: Map<string, User>;
  holders: Map<string, User[]>;
}

const cache = new WeakMap<TenantSnapshot, TenantIndex>();

export function indexTenant(snapshot: TenantSnapshot): TenantIndex {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const subscriptionsById = new Map(snapshot.subscriptions.map((s) => [s.id, s]));
  const usersById = new Map<string, User>();
  const usersByUpn = new Map<string, User>();
  const holders = new Map<string, User[]>();
  for (const subscription of snapshot.subscriptions) holders.set(subscription.id, []);
  for (const user of snapshot.users) {
    usersById.set(user.id, user);
    usersByUpn.set(user.upn.toLowerCase(), user);
    for (const license of user.licenses) holders.get(license.subscriptionId)?.push(user);
  }
  const index = { snapshot, subscriptionsById, usersById, usersByUpn, holders };
  cache.set(snapshot, index);
  return index;
}

export function licenceHolders(index: TenantIndex, subscriptionId: string): User[] {
  return index.holders.get(subscriptionId) ?? [];
}

export function findUserByUpn(index: TenantIndex, upn: string): User | undefined {
  return index.usersByUpn.get(upn.toLowerCase());
}
