import { findPlan } from './catalogue';
import type { License, TenantSnapshot, User } from './snapshot/schema';
import type { Service } from './vocabulary';

// What moving each chosen user from one subscription to another will do, before anything is written:
// the same decisions the Graph gateway takes at write time (graph/write/move-decision.ts), made from the
// snapshot so the confirmation card can show them. A snapshot without the optional Graph fields (usage
// location, group licences) says every user moves.

/** Services only one plan of may be on for a user: a second mailbox or SharePoint plan is refused. */
const EXCLUSIVE_SERVICES: readonly Service[] = ['exchange', 'sharepoint'];

export type PreflightUser =
  /** Moves; `carried` are the services switched off in the old licence that stay off in the new one. */
  | { userId: string; kind: 'moves'; carried: Service[]; alsoRemoved: string[] }
  /** Stays: the old licence comes from these groups, so only the group can change it. */
  | { userId: string; kind: 'licensed-by-group'; groupIds: string[] }
  /** Stays: no usage location, so Microsoft 365 will not add a licence. */
  | { userId: string; kind: 'no-usage-location' }
  /** Stays: another licence, from these groups, has a plan that excludes one of the new licence's. */
  | { userId: string; kind: 'conflict-from-group'; groupIds: string[] }
  /** Stays: the new subscription has no licence left for this user. */
  | { userId: string; kind: 'no-licence-left' };

export interface Preflight {
  users: PreflightUser[];
  /** Licences to buy so that every user who could move does. */
  toBuy: number;
}

const holdsLicence = (user: User, subscriptionId: string) => user.licenses.find((l) => l.subscriptionId === subscriptionId);
const isDirect = (licence: License) => licence.direct !== false;
const fromGroups = (licence: License) => licence.groupIds ?? [];

export function preflightMove(snapshot: TenantSnapshot, fromSubscriptionId: string, toSubscriptionId: string, userIds: readonly string[]): Preflight {
  const subscriptions = new Map(snapshot.subscriptions.map((s) => [s.id, s]));
  const to = subscriptions.get(toSubscriptionId);
  const from = subscriptions.get(fromSubscriptionId);
  const toServices = new Set(findPlan(to?.planId ?? '')?.services ?? []);
  const fromServices = new Set(findPlan(from?.planId ?? '')?.services ?? []);
  const usersById = new Map(snapshot.users.map((u) => [u.id, u]));
  const holdersOfTarget = snapshot.users.filter((u) => holdsLicence(u, toSubscriptionId)).length;
  let free = Math.max(0, (to?.purchasedLicenses ?? 0) - holdersOfTarget);
  let toBuy = 0;

  const users = userIds.map((userId): PreflightUser => {
    const user = usersById.get(userId);
    const source = user && holdsLicence(user, fromSubscriptionId);
    if (!user || !source) return { userId, kind: 'moves', carried: [], alsoRemoved: [] };
    if (!isDirect(source) || fromGroups(source).length > 0) return { userId, kind: 'licensed-by-group', groupIds: fromGroups(source) };
    const needsSeat = !holdsLicence(user, toSubscriptionId);
    if (needsSeat && user.usageLocation === null) return { userId, kind: 'no-usage-location' };
    const carried = source.disabledServices.filter((s) => toServices.has(s));
    // A service the old licence lacked comes on with the new one; another licence with that service on clashes.
    const comingOn = EXCLUSIVE_SERVICES.filter((s) => toServices.has(s) && !fromServices.has(s));
    const alsoRemoved: string[] = [];
    const clashGroups: string[] = [];
    for (const other of user.licenses) {
      if (other.subscriptionId === fromSubscriptionId || other.subscriptionId === toSubscriptionId) continue;
      const otherServices = findPlan(subscriptions.get(other.subscriptionId)?.planId ?? '')?.services ?? [];
      if (!comingOn.some((s) => otherServices.includes(s) && !other.disabledServices.includes(s))) continue;
      if (isDirect(other) && fromGroups(other).length === 0) alsoRemoved.push(other.subscriptionId);
      else clashGroups.push(...fromGroups(other));
    }
    if (clashGroups.length > 0) return { userId, kind: 'conflict-from-group', groupIds: [...new Set(clashGroups)] };
    if (needsSeat) {
      if (free <= 0) {
        toBuy += 1;
        return { userId, kind: 'no-licence-left' };
      }
      free -= 1;
    }
    return { userId, kind: 'moves', carried, alsoRemoved };
  });
  return { users, toBuy };
}

/**
 * Whether moving the user takes one of the target's free licences: not when they hold it already, and
 * not when the move will not be written (the old licence comes from a group, no usage location).
 */
export function takesLicence(user: User, fromSubscriptionId: string, toSubscriptionId: string, settingUsageLocation = false): boolean {
  if (holdsLicence(user, toSubscriptionId)) return false;
  const source = holdsLicence(user, fromSubscriptionId);
  if (source && (!isDirect(source) || fromGroups(source).length > 0)) return false;
  return user.usageLocation !== null || settingUsageLocation;
}

/** A group the old licence of chosen users comes from: how many users hold the old licence through it, and how many of them were not chosen. */
export interface GroupLicenceOfferGroup {
  groupId: string;
  members: number;
  notChosen: number;
}

export interface GroupLicenceOffer {
  groups: GroupLicenceOfferGroup[];
  /** The chosen users whose old licence comes from these groups. */
  userIds: string[];
  /** Licences of the new subscription moving the groups takes (one per member without it), and how many are free. */
  licences: { needed: number; free: number };
}

/**
 * What moving the groups' licence would touch, for the card that offers it: every group the chosen
 * users' old licence comes from, with its members holding that licence through it (chosen or not);
 * undefined when no chosen user's old licence comes from a group.
 */
export function groupLicenceOffer(snapshot: TenantSnapshot, fromSubscriptionId: string, toSubscriptionId: string, userIds: readonly string[]): GroupLicenceOffer | undefined {
  const chosen = new Set(userIds);
  const groupIds: string[] = [];
  const fromGroup: string[] = [];
  for (const user of snapshot.users) {
    if (!chosen.has(user.id)) continue;
    const source = holdsLicence(user, fromSubscriptionId);
    if (!source || fromGroups(source).length === 0) continue;
    fromGroup.push(user.id);
    for (const g of fromGroups(source)) if (!groupIds.includes(g)) groupIds.push(g);
  }
  if (fromGroup.length === 0) return undefined;
  const groups = groupIds.map((groupId) => {
    const members = snapshot.users.filter((u) => (holdsLicence(u, fromSubscriptionId)?.groupIds ?? []).includes(groupId));
    return { groupId, members: members.length, notChosen: members.filter((u) => !chosen.has(u.id)).length };
  });
  const to = snapshot.subscriptions.find((s) => s.id === toSubscriptionId);
  const free = Math.max(0, (to?.purchasedLicenses ?? 0) - snapshot.users.filter((u) => holdsLicence(u, toSubscriptionId)).length);
  return { groups, userIds: userIds.filter((id) => fromGroup.includes(id)), licences: { needed: licencesForGroups(snapshot, fromSubscriptionId, toSubscriptionId, groupIds), free } };
}

/**
 * How many of the target's free licences moving these groups' licence takes: every user who holds the
 * old licence through one of them and not the new one yet, chosen or not (each member gets it).
 */
export function licencesForGroups(snapshot: TenantSnapshot, fromSubscriptionId: string, toSubscriptionId: string, groupIds: readonly string[]): number {
  if (groupIds.length === 0) return 0;
  return snapshot.users.filter((u) => !holdsLicence(u, toSubscriptionId) && (holdsLicence(u, fromSubscriptionId)?.groupIds ?? []).some((g) => groupIds.includes(g))).length;
}
