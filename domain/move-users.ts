import { findPlan } from './catalogue';
import { backupNotice, customAssignmentsNotice, officeReactivationNotice } from './change-notices';
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
}

export interface MovePlan {
  fromSubscriptionId: string;
  toSubscriptionId: string;
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
  if (!toSub) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.toSubscriptionId });
  if (fromSub.id === toSub.id) return err({ code: 'SAME_SUBSCRIPTION', subscriptionId: fromSub.id });
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
  if (toSub.status !== 'active') blockers.push({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: toSub.id, status: toSub.status });
  const needed = users.filter((user) => !holds(user, toSub.id)).length;
  const shortage = licenceShortage(index, toSub.id, needed);
  if (shortage) blockers.push(shortage);

  const from = findPlan(fromSub.planId)!;
  const to = findPlan(toSub.planId)!;
  const notices = [backupNotice(from, to), customAssignmentsNotice(users, fromSub.id), officeReactivationNotice(from, to)].filter(
    (n): n is Notice => n !== undefined,
  );
  const replacements = users.map((user) => ({ userId: user.id, removeSubscriptionId: fromSub.id, addSubscriptionId: toSub.id }));
  return ok({ fromSubscriptionId: fromSub.id, toSubscriptionId: toSub.id, replacements, blockers, notices, canApply: blockers.length === 0 });
}

/** NOT_ENOUGH_LICENSES when the subscription has fewer unassigned licences than users who need one. */
export function licenceShortage(index: TenantIndex, subscriptionId: string, needed: number): Blocker | undefined {
  const subscription = index.subscriptionsById.get(subscriptionId)!;
  const available = Math.max(0, subscription.purchasedLicenses - licenceHolders(index, subscriptionId).length);
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
  return ok({ plan, snapshot: applyReplacements(tenant, plan.replacements) });
}
