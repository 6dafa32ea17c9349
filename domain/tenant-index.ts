import type { Subscription, TenantSnapshot, User } from './snapshot/schema';

/**
 * Lookups over one snapshot, each built on first use and kept: a single check on a
 * 100,000-user tenant pays for one scan of the users, not for every map at once.
 */
export class TenantIndex {
  readonly subscriptionsById: Map<string, Subscription>;
  private byId?: Map<string, User>;
  private byUpn?: Map<string, User>;
  private scannedUpnOnce = false;
  private readonly holdersBySubscription = new Map<string, User[]>();

  constructor(readonly snapshot: TenantSnapshot) {
    this.subscriptionsById = new Map(snapshot.subscriptions.map((s) => [s.id, s]));
  }

  get usersById(): Map<string, User> {
    this.byId ??= new Map(this.snapshot.users.map((user) => [user.id, user]));
    return this.byId;
  }

  /** Users holding a licence of the subscription, in snapshot order. */
  holders(subscriptionId: string): User[] {
    let holders = this.holdersBySubscription.get(subscriptionId);
    if (!holders) {
      holders = [];
      for (const user of this.snapshot.users) {
        for (const license of user.licenses) {
          if (license.subscriptionId === subscriptionId) {
            holders.push(user);
            break;
          }
        }
      }
      this.holdersBySubscription.set(subscriptionId, holders);
    }
    return holders;
  }

  /** Case-insensitive; the first lookup scans, a second one builds a map. */
  userByUpn(upn: string): User | undefined {
    const wanted = upn.toLowerCase();
    if (this.byUpn) return this.byUpn.get(wanted);
    if (!this.scannedUpnOnce) {
      this.scannedUpnOnce = true;
      for (const user of this.snapshot.users) {
        if (user.upn.length === wanted.length && user.upn.toLowerCase() === wanted) return user;
      }
      return undefined;
    }
    this.byUpn = new Map();
    for (const user of this.snapshot.users) this.byUpn.set(user.upn.toLowerCase(), user);
    return this.byUpn.get(wanted);
  }
}

const cache = new WeakMap<TenantSnapshot, TenantIndex>();

export function indexTenant(snapshot: TenantSnapshot): TenantIndex {
  let index = cache.get(snapshot);
  if (!index) {
    index = new TenantIndex(snapshot);
    cache.set(snapshot, index);
  }
  return index;
}

export function licenceHolders(index: TenantIndex, subscriptionId: string): User[] {
  return index.holders(subscriptionId);
}

export function findUserByUpn(index: TenantIndex, upn: string): User | undefined {
  return index.userByUpn(upn);
}
