import { formatList } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { eventName, findingText, partnerWords, refusalText, statusName } from '../i18n/partner-describe';
import type { PartnerCustomer, PartnerSubscription, ReviewedTarget, TransitionJob, TransitionReview, TransitionType } from '../partner';
import type { AdaptiveCard } from './render';

// The cards of a CSP helpdesk agent's Partner Center flow (Adaptive Cards 1.5): the customer picker with
// its search, the customer's subscriptions, what a subscription can become (each transition possible or
// refused with Partner Center's reason, and what the change means), the confirmation, and the progress.

/** The most customers one picker lists; a search narrows the rest. */
export const PICKER_LIMIT = 25;

const card = (body: unknown[], actions: unknown[] = []): AdaptiveCard => ({
  type: 'AdaptiveCard',
  version: '1.5',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  body,
  ...(actions.length > 0 ? { actions } : {}),
});
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const title = (value: string) => text(value, { weight: 'Bolder', size: 'Medium' });
const submit = (label: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'Action.Submit', title: label, data, ...extra });

export function customerPickerCard(lng: Language, customers: readonly PartnerCustomer[], search: string | undefined): AdaptiveCard {
  const say = partnerWords(lng);
  const shown = customers.slice(0, PICKER_LIMIT);
  const body: unknown[] = [title(say('bot.customers.title'))];
  body.push({ type: 'Input.Text', id: 'search', label: say('bot.customers.searchLabel'), value: search ?? '', maxLength: 200 });
  if (shown.length === 0) body.push(text(say('bot.customers.none', { search: search ?? '' })));
  else {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'customerId',
      label: say('bot.customers.label'),
      style: 'expanded',
      // Not isRequired: the search button sends this card's inputs too, and a required pick would stop it.
      choices: shown.map((c) => ({ title: `${c.name} (${c.domain})`, value: c.id })),
    });
    if (customers.length > shown.length) body.push(text(say('bot.customers.more', { count: shown.length }), { isSubtle: true }));
  }
  const actions = [submit(say('bot.customers.search'), { verb: 'partner.search' }, { associatedInputs: 'auto' })];
  if (shown.length > 0) actions.unshift(submit(say('bot.customers.pick'), { verb: 'partner.customer' }, { style: 'positive' }));
  return card(body, actions);
}

export function subscriptionsCard(lng: Language, customer: PartnerCustomer, subscriptions: readonly PartnerSubscription[]): AdaptiveCard {
  const say = partnerWords(lng);
  const body: unknown[] = [title(say('bot.subscriptions.title', { customer: customer.name }))];
  if (subscriptions.length === 0) return card([...body, text(say('bot.subscriptions.none'))]);
  body.push({
    type: 'Input.ChoiceSet',
    id: 'subscriptionId',
    label: say('bot.subscriptions.label'),
    style: 'expanded',
    isRequired: true,
    errorMessage: say('bot.subscriptions.required'),
    choices: subscriptions.map((s) => ({ title: say('bot.subscriptions.option', { name: s.friendlyName || s.offerName, count: s.quantity }), value: s.id })),
  });
  return card(body, [submit(say('bot.subscriptions.pick'), { verb: 'partner.subscription' }, { style: 'positive' })]);
}

function targetBlock(target: ReviewedTarget, lng: Language): unknown[] {
  const say = partnerWords(lng);
  const out: unknown[] = [text(target.planId ? `${target.title} (${target.planId})` : target.title, { weight: 'Bolder', separator: true, spacing: 'Medium' })];
  for (const t of target.types) {
    out.push(text(say(t.eligible ? 'cli.check.eligible' : 'cli.check.refused', { type: say(`types.${t.type}`) }), { color: t.eligible ? 'Good' : 'Attention', spacing: 'Small' }));
    for (const r of t.refusals) out.push(text(`- ${refusalText(r, lng)}`, { spacing: 'None' }));
  }
  if (target.eligible) {
    for (const f of [...target.blockers, ...target.notices]) {
      const described = findingText(f, lng);
      out.push(text(`**${described.title}**: ${described.explanation}`, { isSubtle: true, spacing: 'Small' }));
    }
  }
  return out;
}

/** What the subscription can become: each target with its transition types, and a button per eligible one. */
export function eligibilityCard(lng: Language, result: TransitionReview): AdaptiveCard {
  const say = partnerWords(lng);
  const s = result.subscription;
  const body: unknown[] = [title(say('bot.eligibility.title', { offer: s.friendlyName || s.offerName }))];
  const cycle = s.billingCycle === 'monthly' || s.billingCycle === 'annual' ? say(`cli.check.cycles.${s.billingCycle}`) : say('cli.check.cycles.other', { cycle: s.billingCycle });
  body.push(text(say('cli.check.licences', { count: s.quantity, cycle }), { isSubtle: true }));
  if (result.targets.length === 0) body.push(text(say('bot.eligibility.noTargets')));
  for (const target of result.targets) body.push(...targetBlock(target, lng));
  const actions = result.targets.flatMap((target) =>
    target.types.filter((t) => t.eligible).map((t) => submit(say('bot.eligibility.choose', { title: target.title, type: say(`types.${t.type}`) }), { verb: 'partner.target', catalogItemId: target.catalogItemId, transitionType: t.type })),
  );
  if (result.targets.length > 0 && actions.length === 0) body.push(text(say('bot.eligibility.noneEligible')));
  return card(body, actions);
}

export interface ConfirmationFacts {
  customer: string;
  from: string;
  to: string;
  type: TransitionType;
  max: number;
}

export function confirmTransitionCard(lng: Language, facts: ConfirmationFacts): AdaptiveCard {
  const say = partnerWords(lng);
  return card(
    [
      title(say('bot.confirm.title')),
      text(say('bot.confirm.text', { customer: facts.customer, from: facts.from, to: facts.to, type: say(`types.${facts.type}`) })),
      { type: 'Input.Number', id: 'quantity', label: say('bot.confirm.quantity', { max: facts.max }), min: 1, max: facts.max, value: facts.max, isRequired: true, errorMessage: say('bot.confirm.badQuantity', { max: facts.max }) },
    ],
    [submit(say('bot.confirm.confirm'), { verb: 'partner.confirm' }, { style: 'positive' }), submit(say('bot.confirm.cancel'), { verb: 'partner.cancel' }, { associatedInputs: 'none' })],
  );
}

/** The transition's events so far, one line each. */
export function progressCard(lng: Language, customer: string, job: TransitionJob, resumed = false): AdaptiveCard {
  const say = partnerWords(lng);
  const lines = job.events.map((e) => text(say('cli.transition.event', { event: eventName(e.name, lng), status: statusName(e.status, lng) }), { spacing: 'Small' }));
  const intro = resumed ? say('bot.progress.resumed') : say('bot.progress.started');
  return card([title(say('bot.progress.title', { customer })), text(intro, { isSubtle: true }), ...lines]);
}

/** The end: done, or the failure with its reasons. */
export function outcomeText(lng: Language, customer: string, job: TransitionJob): string {
  const say = partnerWords(lng);
  if (job.state === 'completed') return say('bot.done', { customer, to: job.toTitle ?? job.request.toCatalogItemId });
  const reasons = formatList((job.failure?.refusals ?? []).map((r) => refusalText(r, lng)), lng);
  const head = job.failure?.event === 'post' ? say('bot.refused', { customer }) : say('bot.failed', { customer, event: eventName(job.failure?.event ?? '', lng) });
  return `${head} ${reasons}`;
}
