import { findPlan } from './catalogue';
import { mcaCancelWindow } from './billing';
import { planToPlanNotices } from './change-notices';
import { todayUtc } from './dates';
import type { Blocker, InputError, Notice } from './findings';
import { licenceShortage } from './move-users';
import { err, ok, type Result } from './result';
import { roleGate } from './roles';
import type { Subscription, TenantSnapshot } from './snapshot/schema';
import { indexTenant, licenceHolders } from './tenant-index';

// The manual path (domain-rules.md section 1 and the sv article "Ändra planer manuellt"):
// 1 buy a new subscription, 2 verify both, 3 move the users, 4 optionally cancel or remove licences.

export interface ManualChangeRequest {
  fromSubscriptionId: string;
  /** The plan to move to; its subscription is looked up in the tenant when `toSubscriptionId` is not given. */
  toPlan: string;
  /** A subscription already bought for the move; one that is not in this tenant was bought for another organisation. */
  toSubscriptionId?: string;
  /** Who moves; every licence holder of the old subscription by default. */
  userIds?: string[];
  asUpn?: string;
  today?: string;
}

export type StepStatus = 'done' | 'todo' | 'blocked' | 'optional';

export interface ManualStep {
  step: 1 | 2 | 3 | 4;
  status: StepStatus;
  blockers: Blocker[];
  notices: Notice[];
}

export interface ManualChangePlan {
  fromSubscriptionId: string;
  toPlan: string;
  toSubscriptionId?: string;
  movingUsers: number;
  /** Licences to buy in step 1 (one per moving user) when no subscription of the plan exists yet. */
  licencesToBuy: number;
  steps: ManualStep[];
  notices: Notice[];
}

export function planManualChange(tenant: TenantSnapshot, request: ManualChangeRequest): Result<ManualChangePlan, InputError> {
  const index = indexTenant(tenant);
  const fromSub = index.subscriptionsById.get(request.fromSubscriptionId);
  if (!fromSub) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.fromSubscriptionId });
  const from = findPlan(fromSub.planId)!;
  const to = findPlan(request.toPlan);
  if (!to) return err({ code: 'UNKNOWN_PLAN', planId: request.toPlan });
  const holders = licenceHolders(index, fromSub.id);
  const moving = request.userIds ? [...new Set(request.userIds)] : holders.map((u) => u.id);
  for (const id of moving) if (!index.usersById.has(id)) return err({ code: 'UNKNOWN_USER', userId: id });
  const today = request.today ?? todayUtc();

  const named = request.toSubscriptionId;
  const toSub: Subscription | undefined = named
    ? index.subscriptionsById.get(named)
    : tenant.subscriptions.find((s) => s.planId === to.id && s.id !== fromSub.id && s.status !== 'deleted');
  if (toSub && toSub.id === fromSub.id) return err({ code: 'SAME_SUBSCRIPTION', subscriptionId: toSub.id });
  if (toSub && toSub.planId !== to.id) return err({ code: 'UNKNOWN_PLAN', planId: to.id });

  const billingGate = request.asUpn === undefined ? undefined : roleGate(index, request.asUpn, { kind: 'change-plan', billingAccountType: tenant.tenant.billingAccountType });
  const licenceGate = request.asUpn === undefined ? undefined : roleGate(index, request.asUpn, { kind: 'assign-licences' });

  const step1: ManualStep = { step: 1, status: toSub ? 'done' : 'todo', blockers: toSub || !billingGate ? [] : [billingGate], notices: [] };

  const verify: Blocker[] = [];
  if (named && !toSub) verify.push({ code: 'SUBSCRIPTION_OTHER_ORGANISATION', subscriptionId: named });
  for (const sub of [fromSub, toSub]) {
    if (sub && sub.status !== 'active') verify.push({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: sub.id, status: sub.status });
  }
  if (toSub) {
    const needed = moving.filter((id) => !index.usersById.get(id)!.licenses.some((l) => l.subscriptionId === toSub.id)).length;
    const shortage = licenceShortage(index, toSub.id, needed);
    if (shortage) verify.push(shortage);
  }
  const step2: ManualStep = { step: 2, status: verify.length > 0 ? 'blocked' : toSub ? 'done' : 'todo', blockers: verify, notices: [] };

  const moved = toSub !== undefined && moving.every((id) => {
    const ids = index.usersById.get(id)!.licenses.map((l) => l.subscriptionId);
    return ids.includes(toSub.id) && !ids.includes(fromSub.id);
  });
  const step3: ManualStep = { step: 3, status: moved ? 'done' : 'todo', blockers: licenceGate ? [licenceGate] : [], notices: [] };

  const cancelNotices: Notice[] = [];
  if (tenant.tenant.billingAccountType === 'MCA') {
    const window = mcaCancelWindow(fromSub, today);
    if (!window.open) {
      cancelNotices.push({ code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: window.periodStart, closedOn: window.lastDay, paidUntil: window.paidUntil });
    }
  }
  const step4: ManualStep = { step: 4, status: 'optional', blockers: billingGate ? [billingGate] : [], notices: cancelNotices };

  const movingUsers = moving.map((id) => index.usersById.get(id)!);
  return ok({
    fromSubscriptionId: fromSub.id,
    toPlan: to.id,
    toSubscriptionId: toSub?.id,
    movingUsers: moving.length,
    licencesToBuy: toSub ? 0 : moving.length,
    steps: [step1, step2, step3, step4],
    notices: planToPlanNotices(from, to, movingUsers, fromSub.id),
  });
}
