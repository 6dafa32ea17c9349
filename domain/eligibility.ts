import { findPlan, isWizardChange, type Plan } from './catalogue';
import { mcaCancelWindow, newSubscriptionCost, prepaidOutcome, proratedCredit, CREDIT_INVOICE_WITHIN_DAYS } from './billing';
import { automaticChangeBlockers } from './blockers/automatic';
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

  const today = request.today ?? todayUtc();
  const holders = licenceHolders(index, subscription.id);
  const wizard = isWizardChange(from, to);
  const blockers = wizard
    ? wizardBlockers(tenant, subscription, from, to, holders.length)
    : tenant.tenant.billingAccountType === 'MOSA'
      ? automaticChangeBlockers(tenant, subscription, from, to, holders.length)
      : [];
  if (request.asUpn !== undefined) {
    const action = wizard
      ? ({ kind: 'wizard', from } as const)
      : ({ kind: 'change-plan', billingAccountType: tenant.tenant.billingAccountType } as const);
    const refused = roleGate(index, request.asUpn, action);
    if (refused) blockers.push(refused);
  }

  const path: ChangePath = blockers.some((b) => MANUAL_ONLY_BLOCKERS.has(b.code)) ? 'manual' : wizard ? 'legacy-wizard' : 'automatic';
  const notices = [
    ...planToPlanNotices(from, to, holders, subscription.id),
    ...billingNotices(tenant, subscription, to, path, today, licenseCount),
  ];
  if (tenant.tenant.billingAccountType === 'MCA' && licenseCount !== undefined && licenseCount < holders.length) {
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
  if (!newSubscriptionCost(subscription, to, licences)) notices.push({ code: 'PRICE_UNKNOWN', currency: subscription.currency });
  const prepaid = prepaidOutcome(subscription, to, licences);
  if (prepaid && prepaid.lost.minor > 0) {
    notices.push({ code: 'PREPAID_VALUE_LOST', amount: prepaid.lost, remaining: prepaid.remaining, newCost: prepaid.newCost });
  }
  const credit = proratedCredit(subscription, today);
  if (credit.minor > 0) notices.push({ code: 'PRORATED_CREDIT', amount: credit, invoiceWithinDays: CREDIT_INVOICE_WITHIN_DAYS });
  if (tenant.tenant.billingAccountType === 'MCA' && path === 'manual') {
    const window = mcaCancelWindow(subscription, today);
    if (!window.open) notices.push({ code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: window.periodStart, closedOn: window.lastDay });
  }
  return notices;
}
