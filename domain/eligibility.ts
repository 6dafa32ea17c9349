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
import type { Subscription, TenantSnapshot } from './snapshot/schema';
import { indexTenant, licenceHolders } from './tenant-index';

export type ChangePath = 'automatic' | 'manual' | 'legacy-wizard';

export interface CheckRequest {
  subscriptionId: string;
  toPlan: string;
  /** The person asking: their roles are checked too. */
  asUpn?: string;
  /** MCA only: how many licences of the new plan to take (some users can move this way). */
  licenseCount?: number;
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
  const blockers = wizard
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

  const path: ChangePath = blockers.some((b) => MANUAL_ONLY_BLOCKERS.has(b.code)) ? 'manual' : wizard ? 'legacy-wizard' : 'automatic';
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
