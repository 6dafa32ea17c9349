import { findPlan } from './catalogue';
import { takesLicence } from './move-preflight';
import { customAssignmentsNotice, dataServicesUserLoses, officeReactivationNotice, usersBackupNotice } from './change-notices';
import type { Blocker, InputError, Notice } from './findings';
import { applyReplacements, type LicenceReplacement } from './licence-replacement';
import { err, ok, type Result } from './result';
import { roleGate } from './roles';
import type { TenantSnapshot, User } from './snapshot/schema';
import { indexTenant, licenceHolders, type TenantIndex } from './tenant-index';

export interface MoveRequest {
  fromSubscriptionId: string;
  toSubscriptionId: string;
  userIds: string[];
  /** The person asking: assigning licences takes a Global, License or User administrator. */
  asUpn?: string;
  /**
   * MCA only: how many licences of the old subscription change to the new one's plan (the sv article: with an MCA
   * billing account you enter the number of licences you want, then assign them to the users who move).
   */
  licenseCount?: number;
}

export interface MovePlan {
  fromSubscriptionId: string;
  toSubscriptionId: string;
  /** MCA: licences that change from the old subscription to the new one with the move. */
  licenseCount?: number;
  replacements: LicenceReplacement[];
  blockers: Blocker[];
  notices: Notice[];
  canApply: boolean;
}

export type MoveBlocked = { code: 'MOVE_BLOCKED'; plan: MovePlan };

/** What replacing these users' licences would do, and what stands in its way. Changes nothing. */
export function planMove(tenant: TenantSnapshot, request: MoveRequest): Result<MovePlan, InputError> {
  const index = indexTenant(tenant);
  const fromSub = index.subscriptionsById.get(request.fromSubscriptionId);
  if (!fromSub) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.fromSubscriptionId });
  const toSub = index.subscriptionsById.get(request.toSubscriptionId);
  if (fromSub.id === request.toSubscriptionId) return err({ code: 'SAME_SUBSCRIPTION', subscriptionId: fromSub.id });
  const { licenseCount } = request;
  if (licenseCount !== undefined) {
    if (tenant.tenant.billingAccountType !== 'MCA') return err({ code: 'LICENSE_COUNT_NEEDS_MCA', licenseCount });
    if (!Number.isInteger(licenseCount) || licenseCount < 1) return err({ code: 'INVALID_LICENSE_COUNT', licenseCount });
    if (licenseCount > fromSub.purchasedLicenses) return err({ code: 'INVALID_LICENSE_COUNT', licenseCount, max: fromSub.purchasedLicenses });
  }
  const userIds = [...new Set(request.userIds)];
  if (userIds.length === 0) return err({ code: 'NO_USERS_CHOSEN' });
  const users: User[] = [];
  for (const id of userIds) {
    const user = index.usersById.get(id);
    if (!user) return err({ code: 'UNKNOWN_USER', userId: id });
    users.push(user);
  }

  const blockers: Blocker[] = [];
  if (request.asUpn !== undefined) {
    const refused = roleGate(index, request.asUpn, { kind: 'assign-licences' });
    if (refused) blockers.push(refused);
  }
  const holds = (user: User, subscriptionId: string) => user.licenses.some((l) => l.subscriptionId === subscriptionId);
  const notOnSource = users.filter((user) => !holds(user, fromSub.id)).map((user) => user.id);
  if (notOnSource.length > 0) blockers.push({ code: 'USERS_NOT_ON_SUBSCRIPTION', userIds: notOnSource, subscriptionId: fromSub.id });
  const replacements = users.map((user) => ({ userId: user.id, removeSubscriptionId: fromSub.id, addSubscriptionId: request.toSubscriptionId }));
  const counted = licenseCount === undefined ? {} : { licenseCount };
  // Step 2 of the sv article: both the subscription moved from and the one moved to must be Active.
  for (const sub of [fromSub, toSub]) {
    if (sub && sub.status !== 'active') blockers.push({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: sub.id, status: sub.status });
  }
  // Not in this tenant: bought for another organisation (another domain), it never shows beside the old one.
  if (!toSub) {
    blockers.push({ code: 'SUBSCRIPTION_OTHER_ORGANISATION', subscriptionId: request.toSubscriptionId });
    return ok({ fromSubscriptionId: fromSub.id, toSubscriptionId: request.toSubscriptionId, ...counted, replacements, blockers, notices: [], canApply: false });
  }
  // Users the move will not write (a group's licence, no usage location) take no licence.
  const needed = users.filter((user) => takesLicence(user, fromSub.id, toSub.id)).length;
  const shortage = licenceShortage(index, toSub.id, needed, licenseCount ?? 0);
  if (shortage) blockers.push(shortage);
  if (licenseCount !== undefined) {
    const staying = licenceHolders(index, fromSub.id).filter((user) => !userIds.includes(user.id)).length;
    const left = fromSub.purchasedLicenses - licenseCount;
    if (staying > left) blockers.push({ code: 'MORE_USERS_THAN_LICENSES', assigned: staying, purchased: left, excess: staying - left });
  }

  const from = findPlan(fromSub.planId)!;
  const to = findPlan(toSub.planId)!;
  const planOfSubscription = (id: string) => {
    const sub = index.subscriptionsById.get(id);
    return sub && sub.status !== 'deleted' ? findPlan(sub.planId) : undefined;
  };
  const lost = users.map((user) => dataServicesUserLoses(user, fromSub.id, from, to, planOfSubscription));
  const notices = [usersBackupNotice(lost), customAssignmentsNotice(users, fromSub.id), officeReactivationNotice(from, to)].filter(
    (n): n is Notice => n !== undefined,
  );
  return ok({ fromSubscriptionId: fromSub.id, toSubscriptionId: toSub.id, ...counted, replacements, blockers, notices, canApply: blockers.length === 0 });
}

/** NOT_ENOUGH_LICENSES when the subscription has fewer unassigned licences than users who need one. */
export function licenceShortage(index: TenantIndex, subscriptionId: string, needed: number, added = 0): Blocker | undefined {
  const subscription = index.subscriptionsById.get(subscriptionId)!;
  const available = Math.max(0, subscription.purchasedLicenses - licenceHolders(index, subscriptionId).length) + added;
  if (needed <= available) return undefined;
  return { code: 'NOT_ENOUGH_LICENSES', needed, available, toBuy: needed - available, subscriptionId };
}

/** Replaces the licences all together, or not at all: a blocked move returns the plan and no snapshot. */
export function applyMove(
  tenant: TenantSnapshot,
  request: MoveRequest,
): Result<{ plan: MovePlan; snapshot: TenantSnapshot }, InputError | MoveBlocked> {
  const planned = planMove(tenant, request);
  if (!planned.ok) return planned;
  const plan = planned.value;
  if (!plan.canApply) return err({ code: 'MOVE_BLOCKED', plan });
  return ok({ plan, snapshot: applyReplacements(withLicencesMoved(tenant, plan), plan.replacements) });
}

/** MCA: the licences of the count leave the old subscription and join the new one. */
function withLicencesMoved(tenant: TenantSnapshot, plan: MovePlan): TenantSnapshot {
  const count = plan.licenseCount;
  if (count === undefined) return tenant;
  const change = (id: string) => (id === plan.fromSubscriptionId ? -count : id === plan.toSubscriptionId ? count : 0);
  return { ...tenant, subscriptions: tenant.subscriptions.map((s) => (change(s.id) === 0 ? s : { ...s, purchasedLicenses: s.purchasedLicenses + change(s.id) })) };
}
