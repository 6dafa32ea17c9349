import { check } from '../domain/eligibility';
import type { Blocker, Notice } from '../domain/findings';
import { tenantSnapshotSchema, type TenantSnapshot } from '../domain/snapshot/schema';
import { planOfOffer } from './offers';
import { refusalOf, type Refusal } from './refusals';
import type { PartnerCustomer, PartnerSubscription, TransitionEligibility, TransitionType } from './resources';

// What a helpdesk agent sees before a transition: every target Partner Center offers for the subscription,
// each transition type eligible or refused with its reasons, merged with this project's own rules for
// that plan change (backups, billing notices, prorated credit) and what a new-commerce transition means
// (it cannot be undone; a promotional price does not carry over).

/** Notices of a Partner Center transition itself, beside the domain's. */
export type PartnerNotice =
  | { code: 'UPGRADE_IRREVERSIBLE' }
  | { code: 'PROMOTION_LOST'; promotionId: string }
  | { code: 'LICENCES_MOVE_WITH_TRANSFER'; quantity: number };

export interface ReviewedType {
  type: TransitionType;
  eligible: boolean;
  refusals: Refusal[];
}

export interface ReviewedTarget {
  catalogItemId: string;
  title: string;
  /** The catalogue plan of the target, when it is one. */
  planId?: string;
  types: ReviewedType[];
  eligible: boolean;
  targetSubscriptions: { id: string; name: string; eligible: boolean; refusals: Refusal[] }[];
  /** The project's rules for this plan change (when both plans are in the catalogue). */
  blockers: Blocker[];
  notices: (Notice | PartnerNotice)[];
}

export interface TransitionReview {
  customer: PartnerCustomer;
  subscription: PartnerSubscription & { planId?: string };
  targets: ReviewedTarget[];
  /** When the customer's tenant was read through Graph: how many users, and the licence pool judged. */
  tenantRead?: { users: number; subscriptionId?: string };
}

const isoDay = (value: string | undefined, fallback: string) => (value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : fallback);

/**
 * The customer's subscription as a one-subscription snapshot, for the domain's rules. Partner Center tells
 * neither the users nor the partner's price, so the catalogue's list price in USD stands in for the price,
 * and user-dependent rules (licence counts, roles) are left to the customer's tenant read through Graph.
 */
export function snapshotOf(customer: PartnerCustomer, subscription: PartnerSubscription, planId: string, today: string): TenantSnapshot {
  const plan = planOfOffer(subscription.offerId, subscription.offerName);
  const status = (['active', 'suspended', 'deleted'] as const).find((s) => s === subscription.status) ?? 'warning';
  return tenantSnapshotSchema.parse({
    tenant: { id: customer.id, name: customer.name || customer.id, domains: customer.domain ? [customer.domain] : [`${customer.id}.onmicrosoft.com`], billingAccountType: 'MCA' },
    subscriptions: [
      {
        id: subscription.id,
        planId,
        status: subscription.isTrial ? 'trial' : status,
        purchasedLicenses: Math.max(0, Math.trunc(subscription.quantity) || 0),
        startDate: isoDay(subscription.effectiveStartDate, today),
        renewalDate: isoDay(subscription.commitmentEndDate, today),
        billingFrequency: subscription.billingCycle === 'annual' ? 'annual' : 'monthly',
        paymentMethod: 'invoice',
        pricePerLicensePerMonth: (plan?.listPriceUsdCents ?? 0) / 100,
        currency: 'USD',
      },
    ],
    users: [],
  });
}

/**
 * The review. With the customer's tenant read through Graph, the rules judge its licence pool of the same
 * plan with its real users (their data, their customised services); without it, a one-subscription
 * snapshot made from Partner Center's answer.
 */
export function review(customer: PartnerCustomer, subscription: PartnerSubscription, eligibilities: readonly TransitionEligibility[], today: string, tenant?: TenantSnapshot): TransitionReview {
  const from = planOfOffer(subscription.offerId, subscription.offerName);
  const pool = from && tenant ? tenant.subscriptions.find((s) => s.planId === from.id) : undefined;
  const judged = pool && tenant ? { snapshot: tenant, subscriptionId: pool.id } : from ? { snapshot: snapshotOf(customer, subscription, from.id, today), subscriptionId: subscription.id } : undefined;
  const targets = eligibilities.map((e): ReviewedTarget => {
    const to = planOfOffer(e.catalogItemId, e.title);
    const types = e.types.map((t) => ({ type: t.type, eligible: t.eligible, refusals: t.errors.map((r) => refusalOf(r.code, r.description, t.type)) }));
    const rules = judged && to && from && from.id !== to.id ? check(judged.snapshot, { subscriptionId: judged.subscriptionId, toPlan: to.id, today }) : undefined;
    const notices: (Notice | PartnerNotice)[] = [{ code: 'UPGRADE_IRREVERSIBLE' }];
    if (subscription.promotionId) notices.push({ code: 'PROMOTION_LOST', promotionId: subscription.promotionId });
    if (types.some((t) => t.type === 'transition_with_license_transfer' && t.eligible)) notices.push({ code: 'LICENCES_MOVE_WITH_TRANSFER', quantity: subscription.quantity });
    // The domain's notices that hold for a CSP transition; its MCA admin-centre steps (cancel windows,
    // assigning licences by hand) are not how Partner Center changes a plan.
    if (rules?.ok) notices.push(...rules.value.notices.filter((n) => n.code !== 'MCA_CANCEL_WINDOW_CLOSED' && n.code !== 'MCA_ASSIGN_LICENSES'));
    return {
      catalogItemId: e.catalogItemId,
      title: e.title,
      ...(to ? { planId: to.id } : {}),
      types,
      eligible: types.some((t) => t.eligible),
      targetSubscriptions: e.targetSubscriptions.map((s) => ({ id: s.id, name: s.name, eligible: s.eligible, refusals: s.errors.map((r) => refusalOf(r.code, r.description)) })),
      blockers: rules?.ok ? rules.value.blockers : [],
      notices,
    };
  });
  return {
    customer,
    subscription: { ...subscription, ...(from ? { planId: from.id } : {}) },
    targets,
    ...(tenant ? { tenantRead: { users: tenant.users.length, ...(pool ? { subscriptionId: pool.id } : {}) } } : {}),
  };
}
