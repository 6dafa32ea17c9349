import type { TFunction } from 'i18next';
import { PLANS, automaticTargets, findPlan, wizardTargets, type Plan } from '../domain/catalogue';
import type { Subscription, TenantSnapshot } from '../domain/snapshot/schema';
import { indexTenant } from '../domain/tenant-index';
import { formatList } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { Remembered, rememberedKey } from './remembered';
import { renderCard, type AdaptiveCard } from './render';
import { subscriptionName } from './subscription-name';

/**
 * The pick cards are made from the tenant snapshot and the translator: renderCard would find them again
 * by their data, but only after building it (every label translated and formatted), stringifying it
 * into a key of several kilobytes and hashing that.
 */
const pickCards = new Remembered<AdaptiveCard>(256);

/** Subscriptions a person can act on: every one that is not deleted. */
export function liveSubscriptions(snapshot: TenantSnapshot): Subscription[] {
  return snapshot.subscriptions.filter((s) => s.status !== 'deleted');
}

export function subscriptionLabel(subscription: Subscription, snapshot: TenantSnapshot, t: TFunction, lng: Language): string {
  const assigned = indexTenant(snapshot).holders(subscription.id).length;
  return t('bot:pick.subscriptionLine', {
    plan: subscriptionName(subscription, snapshot, t, lng),
    assigned,
    count: subscription.purchasedLicenses,
    purchased: subscription.purchasedLicenses,
    status: t(`rules:statuses.${subscription.status}`),
  });
}

export function pickSubscriptionCard(
  t: TFunction,
  lng: Language,
  snapshot: TenantSnapshot,
  subscriptions: readonly Subscription[],
  words: { title: string; intro?: string },
): AdaptiveCard {
  const key = rememberedKey('subscription', lng, words.title, words.intro, ...subscriptions.map((s) => s.id));
  return pickCards.get([snapshot, t], key, () => subscriptionCard(t, lng, snapshot, subscriptions, words));
}

function subscriptionCard(t: TFunction, lng: Language, snapshot: TenantSnapshot, subscriptions: readonly Subscription[], words: { title: string; intro?: string }): AdaptiveCard {
  return renderCard('pick-subscription', {
    title: words.title,
    intro: words.intro ?? '',
    label: t('bot:pick.subscriptionLabel'),
    required: t('bot:pick.required'),
    submit: t('bot:pick.next'),
    cancel: t('bot:pick.cancel'),
    selected: subscriptions.length === 1 ? subscriptions[0]!.id : '',
    subscriptions: subscriptions.map((s) => ({ id: s.id, title: subscriptionLabel(s, snapshot, t, lng) })),
    // The ids are for whoever compares with the admin centre or a support case: in a details line only.
    ids: t('bot:subscription.ids', { ids: formatList(subscriptions.map((s) => s.id), lng) }),
  });
}

export type PlanGroup = 'automatic' | 'wizard' | 'manual';

/** The target plans for a subscription's plan, grouped by the way a change to them can go. */
export function groupedTargets(from: Plan): { group: PlanGroup; plans: Plan[] }[] {
  const wizard = wizardTargets(from.id).map((id) => findPlan(id)!).filter((p) => p.generation === 'legacy' || from.generation === 'legacy');
  const automatic = from.generation === 'current' ? automaticTargets(from) : [];
  const taken = new Set([from.id, ...wizard.map((p) => p.id), ...automatic.map((p) => p.id)]);
  const manual = PLANS.filter((p) => !taken.has(p.id) && p.generation === 'current');
  return [
    { group: 'automatic' as const, plans: automatic },
    { group: 'wizard' as const, plans: wizard },
    { group: 'manual' as const, plans: manual },
  ].filter((g) => g.plans.length > 0);
}

export function pickPlanCard(t: TFunction, from: Plan, words: { title: string; intro: string }): AdaptiveCard {
  return pickCards.get([t], rememberedKey('plan', from.id, words.title, words.intro), () => planCard(t, from, words));
}

function planCard(t: TFunction, from: Plan, words: { title: string; intro: string }): AdaptiveCard {
  const groups = groupedTargets(from);
  return renderCard('pick-plan', {
    title: words.title,
    intro: words.intro,
    label: t('bot:pick.planLabel'),
    placeholder: t('bot:pick.planPlaceholder'),
    required: t('bot:pick.required'),
    submit: t('bot:pick.next'),
    cancel: t('bot:pick.cancel'),
    groups: groups.map((g) => ({ name: t(`bot:pick.groups.${g.group}.name`), description: t(`bot:pick.groups.${g.group}.description`) })),
    plans: groups.flatMap((g) => g.plans.map((p) => ({ id: p.id, title: `${p.name} · ${t(`bot:pick.groups.${g.group}.name`)}` }))),
  });
}

/** Typed words for a plan: its id, or a unique part of its name ("premium", "e5"). */
export function planFromText(text: string): Plan | undefined {
  const wanted = text.trim().toLowerCase();
  const exact = PLANS.find((p) => p.id === wanted || p.name.toLowerCase() === wanted);
  if (exact) return exact;
  const partial = PLANS.filter((p) => p.name.toLowerCase().includes(wanted));
  return partial.length === 1 ? partial[0] : undefined;
}

/** Typed words for a subscription: its number in the list, its id, or its plan's name. */
export function subscriptionFromText(text: string, subscriptions: readonly Subscription[]): Subscription | undefined {
  const wanted = text.trim().toLowerCase();
  const index = Number(wanted);
  if (Number.isInteger(index) && index >= 1 && index <= subscriptions.length) return subscriptions[index - 1];
  const byId = subscriptions.find((s) => s.id.toLowerCase() === wanted);
  if (byId) return byId;
  const byPlan = subscriptions.filter((s) => (findPlan(s.planId)?.name.toLowerCase() ?? '').includes(wanted));
  return byPlan.length === 1 ? byPlan[0] : undefined;
}
