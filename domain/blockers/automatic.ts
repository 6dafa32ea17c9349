import { dataServicesLost, isUnlistedWizardPair, wizardTargets, type Plan } from '../catalogue';
import type { Blocker } from '../findings';
import { fromDecimal } from '../money';
import type { Subscription, TenantSnapshot } from '../snapshot/schema';
import { changeOrCreditCheckPending, licenceConflict, notActiveOrIneligible, serviceNotReady } from './shared';

/** Every blocker of an automatic change under MOSA (domain-rules.md section 2), not just the first. */
export function automaticChangeBlockers(
  tenant: TenantSnapshot,
  subscription: Subscription,
  from: Plan,
  to: Plan,
  assigned: number,
): Blocker[] {
  const blockers: (Blocker | undefined)[] = [
    licenceConflict(subscription, assigned),
    serviceNotReady(subscription, from, tenant),
    changeOrCreditCheckPending(tenant, subscription, 'business-days'),
    notActiveOrIneligible(subscription),
    samePlanTwice(tenant, subscription),
    governmentOrNonprofit(subscription),
    targetNotSupported(from, to),
    blockingAddOns(subscription),
    unpaidInvoice(subscription),
  ];
  return blockers.filter((b): b is Blocker => b !== undefined);
}

function samePlanTwice(tenant: TenantSnapshot, subscription: Subscription): Blocker | undefined {
  const same = tenant.subscriptions.filter((s) => s.planId === subscription.planId && s.status !== 'deleted');
  if (same.length < 2) return undefined;
  return { code: 'MULTIPLE_PLANS_SAME_PRODUCT', subscriptionIds: same.map((s) => s.id) };
}

function governmentOrNonprofit(subscription: Subscription): Blocker | undefined {
  if (subscription.segment !== 'government' && subscription.segment !== 'nonprofit') return undefined;
  return { code: 'GOVERNMENT_OR_NONPROFIT', segment: subscription.segment };
}

function targetNotSupported(from: Plan, to: Plan): Blocker | undefined {
  const services = dataServicesLost(from, to);
  const refused = services.length > 0 || to.generation !== 'current';
  if (!refused) return undefined;
  // Both plans are in the wizard article's table (Office 365 Enterprise E3 → E1): its list decides, and it says switch manually.
  if (isUnlistedWizardPair(from, to)) return { code: 'WIZARD_PAIR_NOT_ELIGIBLE', eligibleTargets: [...wizardTargets(from.id)] };
  if (services.length > 0) return { code: 'TARGET_NOT_SUPPORTED', reason: 'fewer-services', services };
  return { code: 'TARGET_NOT_SUPPORTED', reason: 'not-offered', services: [] };
}

function blockingAddOns(subscription: Subscription): Blocker | undefined {
  const addOns = subscription.addOns.filter((a) => a.blocksChange).map((a) => a.name);
  return addOns.length > 0 ? { code: 'ADD_ON_BLOCKS', addOns } : undefined;
}

function unpaidInvoice(subscription: Subscription): Blocker | undefined {
  if (subscription.paymentMethod !== 'invoice' || subscription.unpaidBalance <= 0) return undefined;
  return { code: 'UNPAID_INVOICE_BALANCE', balance: fromDecimal(subscription.unpaidBalance, subscription.currency) };
}
