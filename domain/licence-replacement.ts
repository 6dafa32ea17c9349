import type { TenantSnapshot, User } from './snapshot/schema';

/** One user's licence swap: the old licence removed and the new one added in the same step. */
export interface LicenceReplacement {
  userId: string;
  removeSubscriptionId: string;
  addSubscriptionId: string;
  /** The usage location (two-letter country) to give the user first if they have none, as the admin chose. */
  setUsageLocation?: string;
  /** The groups whose licence the admin chose to move (each member's, chosen or not) when the user's old licence comes from them. */
  moveGroupIds?: string[];
}

/** True when the user already holds the new licence and not the old one: the replacement is done. */
export function isReplacementDone(user: User, replacement: LicenceReplacement): boolean {
  const ids = user.licenses.map((license) => license.subscriptionId);
  return ids.includes(replacement.addSubscriptionId) && !ids.includes(replacement.removeSubscriptionId);
}

/**
 * The user's licences after the replacement. The new licence takes the old one's place in the list,
 * so a multi-subscription pattern stays as it was; its services are all on (custom settings reset).
 * Idempotent: replacing twice equals replacing once.
 */
export function replaceUserLicence(user: User, replacement: LicenceReplacement): User {
  if (isReplacementDone(user, replacement)) return user;
  const hasNew = user.licenses.some((license) => license.subscriptionId === replacement.addSubscriptionId);
  const licenses: User['licenses'] = [];
  for (const license of user.licenses) {
    if (license.subscriptionId === replacement.removeSubscriptionId) {
      if (!hasNew) licenses.push({ subscriptionId: replacement.addSubscriptionId, disabledServices: [] });
    } else {
      licenses.push(license);
    }
  }
  if (!licenses.some((license) => license.subscriptionId === replacement.addSubscriptionId)) {
    licenses.push({ subscriptionId: replacement.addSubscriptionId, disabledServices: [] });
  }
  return { ...user, licenses };
}

/** The snapshot with every replacement applied; users not named are the same objects as before. */
export function applyReplacements(snapshot: TenantSnapshot, replacements: readonly LicenceReplacement[]): TenantSnapshot {
  if (replacements.length === 0) return snapshot;
  const byUser = new Map<string, LicenceReplacement[]>();
  for (const replacement of replacements) {
    const list = byUser.get(replacement.userId) ?? [];
    list.push(replacement);
    byUser.set(replacement.userId, list);
  }
  const users = snapshot.users.map((user) => {
    const own = byUser.get(user.id);
    return own ? own.reduce(replaceUserLicence, user) : user;
  });
  return { ...snapshot, users };
}
