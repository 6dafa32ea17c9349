import type { Language } from '../../i18n/languages';
import { findingText, partnerWords, refusalText } from '../../i18n/partner-describe';
import type { ReviewedTarget, TransitionReview } from '../../partner';

export { findingText, refusalText };

// How a Partner Center review reads on the command line, and its JSON (which never depends on --lang).

const INDENT = '  ';
const MONEY_NOTICES = new Set(['PRORATED_CREDIT', 'PREPAID_VALUE_LOST']);

export function renderTarget(target: ReviewedTarget, lng: Language): string[] {
  const say = partnerWords(lng);
  const out = [target.planId ? say('cli.check.target', { title: target.title, plan: target.planId, item: target.catalogItemId }) : say('cli.check.targetUnknown', { title: target.title, item: target.catalogItemId })];
  for (const t of target.types) {
    out.push(`${INDENT}${say(t.eligible ? 'cli.check.eligible' : 'cli.check.refused', { type: say(`types.${t.type}`) })}`);
    for (const r of t.refusals) out.push(`${INDENT}${INDENT}- ${refusalText(r, lng)}`);
  }
  for (const s of target.targetSubscriptions.filter((x) => x.eligible)) out.push(`${INDENT}${say('cli.check.into', { name: s.name, id: s.id })}`);
  if (target.eligible) {
    for (const f of [...target.blockers, ...target.notices]) {
      const text = findingText(f, lng);
      out.push(`${INDENT}• ${text.title}`, `${INDENT}${INDENT}${text.explanation}`);
    }
    if (target.notices.some((n) => MONEY_NOTICES.has(n.code))) out.push(`${INDENT}${INDENT}${say('cli.check.estimate')}`);
  }
  return out;
}

export function renderHeader(review: TransitionReview, lng: Language): string[] {
  const say = partnerWords(lng);
  const s = review.subscription;
  const cycle = s.billingCycle === 'monthly' || s.billingCycle === 'annual' ? say(`cli.check.cycles.${s.billingCycle}`) : say('cli.check.cycles.other', { cycle: s.billingCycle });
  return [
    say('cli.check.customer', { name: review.customer.name, id: review.customer.id }),
    s.planId ? say('cli.check.subscription', { id: s.id, offer: s.offerName, plan: s.planId }) : say('cli.check.subscriptionUnknown', { id: s.id, offer: s.offerName }),
    say('cli.check.licences', { count: s.quantity, cycle }),
  ];
}

export function targetJson(target: ReviewedTarget): unknown {
  return {
    catalogItemId: target.catalogItemId,
    title: target.title,
    toPlan: target.planId ?? null,
    eligible: target.eligible,
    transitionTypes: target.types.map((t) => ({ type: t.type, eligible: t.eligible, refusals: t.refusals })),
    targetSubscriptions: target.targetSubscriptions,
    blockers: target.blockers,
    notices: target.notices,
  };
}

export function reviewJson(review: TransitionReview, targets: readonly ReviewedTarget[]): unknown {
  const s = review.subscription;
  return {
    customerId: review.customer.id,
    customerName: review.customer.name,
    subscriptionId: s.id,
    offerId: s.offerId,
    offerName: s.offerName,
    fromPlan: s.planId ?? null,
    quantity: s.quantity,
    status: s.status,
    tenantRead: review.tenantRead ?? null,
    targets: targets.map(targetJson),
  };
}
