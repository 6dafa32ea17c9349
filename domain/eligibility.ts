import { findPlan, isWizardChange, type Plan } from './catalogue';
import { changeCredit, mcaCancelWindow, CREDIT_INVOICE_WITHIN_DAYS } from './billing';
import { automaticChangeBlockers } from './blockers/automatic';
import { mcaChangeBlockers } from './blockers/mca';
import { wizardBlockers } from './blockers/wizard';
import { planToPlanNotices } from './change-notices';
import { todayUtc } from './dates';
import { MANUAL_ONLY_BLOCKERS, type Blocker, type InputError, type Notice } from './findings';
import { err, ok, type Result } from './result';
import { roleGate } from './roles';
import { licenceShortage } from './move-users';
import type { Subscription, TenantSnapshot, User } from './snapshot/schema';
import { indexTenant, licenceHolders, type TenantIndex } from './tenant-index';

export type ChangePath = 'automatic' | 'manual' | 'legacy-wizard';

export interface CheckRequest {
  subscriptionId: string;
  toPlan: string;
  /** The person asking: their roles are checked too. */
  asUpn?: string;
  /** MCA only: how many licences of the new plan to take (some users can move this way). */
  licenseCount?: number;
  /**
   * A subscription already bought to move the users into by hand (the manual path's step 1 done): the answer
   * is the manual path, with step 2's checks (sv article: both listed together and Active, enough licences).
   */
  toSubscriptionId?: string;
  /** YYYY-MM-DD in UTC; today by default. */
  today?: string;
}

export interface CheckResult {
  subscriptionId: string;
  fromPlan: string;
  toPlan: string;
  /** The way this change can go now; `manual` when a blocker holds that only a manual change avoids. */
  path: ChangePath;
  blockers: Blocker[];
  notices: Notice[];
  /** Nothing blocks the path: it can be started now. */
  canChangeNow: boolean;
}

/** Can this subscription change to that plan, how, and what must happen first? */
export function check(tenant: TenantSnapshot, request: CheckRequest): Result<CheckResult, InputError> {
  const index = indexTenant(tenant);
  const subscription = index.subscriptionsById.get(request.subscriptionId);
  if (!subscription) return err({ code: 'UNKNOWN_SUBSCRIPTION', subscriptionId: request.subscriptionId });
  const from = findPlan(subscription.planId);
  const to = findPlan(request.toPlan);
  if (!from) return err({ code: 'UNKNOWN_PLAN', planId: subscription.planId });
  if (!to) return err({ code: 'UNKNOWN_PLAN', planId: request.toPlan });
  if (from.id === to.id) return err({ code: 'SAME_PLAN', planId: to.id });
  const { licenseCount } = request;
  if (licenseCount !== undefined && (!Number.isInteger(licenseCount) || licenseCount < 1)) {
    return err({ code: 'INVALID_LICENSE_COUNT', licenseCount });
  }
  // With MOSA an automatic change moves everyone: only MCA takes a licence count.
  if (licenseCount !== undefined && tenant.tenant.billingAccountType !== 'MCA') return err({ code: 'LICENSE_COUNT_NEEDS_MCA', licenseCount });

  const today = request.today ?? todayUtc();
  const holders = licenceHolders(index, subscription.id);
  const wizard = isWizardChange(from, to);
  const mca = tenant.tenant.billingAccountType === 'MCA';
  const bought = request.toSubscriptionId;
  const boughtSub = bought === undefined ? undefined : index.subscriptionsById.get(bought);
  if (boughtSub && boughtSub.id === subscription.id) return err({ code: 'SAME_SUBSCRIPTION', subscriptionId: boughtSub.id });
  if (boughtSub && boughtSub.planId !== to.id) return err({ code: 'SUBSCRIPTION_PLAN_MISMATCH', subscriptionId: boughtSub.id, subscriptionPlan: boughtSub.planId, planId: to.id });
  const blockers =
    bought !== undefined
      ? boughtSubscriptionBlockers(index, subscription, bought, holders)
      : wizard
        ? wizardBlockers(tenant, subscription, from, to, holders.length)
        : mca
          ? mcaChangeBlockers(subscription)
          : automaticChangeBlockers(tenant, subscription, from, to, holders.length);
  if (request.asUpn !== undefined) {
    const action = wizard
      ? ({ kind: 'wizard', from } as const)
      : ({ kind: 'change-plan', billingAccountType: tenant.tenant.billingAccountType } as const);
    const refused = roleGate(index, request.asUpn, action);
    if (refused) blockers.push(refused);
  }

  const path: ChangePath =
    bought !== undefined || blockers.some((b) => MANUAL_ONLY_BLOCKERS.has(b.code)) ? 'manual' : wizard ? 'legacy-wizard' : 'automatic';
  // MCA with fewer licences than users: the users who get none lose their licence when the old plan goes.
  const usersLosingLicence = mca && licenseCount !== undefined ? Math.max(0, holders.length - licenseCount) : 0;
  const notices = [
    ...planToPlanNotices(from, to, holders, subscription.id, { dataKept: path === 'legacy-wizard', usersLosingLicence }),
    ...billingNotices(tenant, subscription, to, path, today, licenseCount),
  ];
  if (mca && licenseCount !== undefined && licenseCount < holders.length) {
    notices.push({ code: 'MCA_ASSIGN_LICENSES', licenseCount, users: holders.length });
  }
  return ok({
    subscriptionId: subscription.id,
    fromPlan: from.id,
    toPlan: to.id,
    path,
    blockers,
    notices,
    canChangeNow: blockers.length === 0 && path !== 'manual',
  });
}

/** Step 2 of the manual path for a subscription already bought: in this organisation, both Active, a licence per user. */
function boughtSubscriptionBlockers(index: TenantIndex, from: Subscription, boughtId: string, holders: readonly User[]): Blocker[] {
  const bought = index.subscriptionsById.get(boughtId);
  const blockers: Blocker[] = [];
  if (!bought) blockers.push({ code: 'SUBSCRIPTION_OTHER_ORGANISATION', subscriptionId: boughtId });
  for (const sub of [from, bought]) {
    if (sub && sub.status !== 'active') blockers.push({ code: 'SUBSCRIPTION_NOT_ACTIVE', subscriptionId: sub.id, status: sub.status });
  }
  if (bought) {
    const needed = holders.filter((user) => !user.licenses.some((l) => l.subscriptionId === bought.id)).length;
    const shortage = licenceShortage(index, bought.id, needed);
    if (shortage) blockers.push(shortage);
  }
  return blockers;
}

function billingNotices(
  tenant: TenantSnapshot,
  subscription: Subscription,
  to: Plan,
  path: ChangePath,
  today: string,
  licenseCount: number | undefined,
): Notice[] {
  const notices: Notice[] = [];
  const licences = Math.max(licenseCount ?? 0, subscription.purchasedLicenses);
  const money = changeCredit(subscription, to, today, licences);
  if (!money.newCost) notices.push({ code: 'PRICE_UNKNOWN', currency: subscription.currency });
  if (money.newCost && money.lost.minor > 0) {
    notices.push({ code: 'PREPAID_VALUE_LOST', amount: money.lost, remaining: money.unused, newCost: money.newCost });
  }
  // MCA, manual: the old subscription is cancelled by hand, and past the seven days that gives no credit at all.
  const window = tenant.tenant.billingAccountType === 'MCA' && path === 'manual' ? mcaCancelWindow(subscription, today) : undefined;
  if (window && !window.open) {
    notices.push({ code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: window.periodStart, closedOn: window.lastDay, paidUntil: window.paidUntil });
  } else if (money.credit.minor > 0) {
    notices.push({ code: 'PRORATED_CREDIT', amount: money.credit, invoiceWithinDays: CREDIT_INVOICE_WITHIN_DAYS });
  }
  return notices;
}
