import type { TFunction } from 'i18next';
import type { MovePlan } from '../../domain/move-users';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import { indexTenant } from '../../domain/tenant-index';
import { confirmSwitchCard } from '../../cards/confirm-switch-card';
import { subscriptionName } from '../../cards/subscription-name';
import type { AdaptiveCard } from '../../cards/render';
import { formatNumber } from '../../i18n/format';
import type { Language } from '../../i18n/languages';
import { planName } from './plan-card';
import { preflightMove, takesLicence } from '../../domain/move-preflight';
import { preflightLines } from './preflight-lines';

/** How many users the confirmation names one by one; the intro and the last line tell the whole number. */
const NAMED_USERS = 50;

/** How long the move takes at the write quota, in words: under a minute, or about so many minutes. */
export function moveDurationText(t: TFunction, seconds: number): string {
  return seconds < 60 ? t('moveUsers:confirm.underMinute') : t('moveUsers:confirm.minutes', { count: Math.ceil(seconds / 60) });
}

/**
 * The last card before the move: exactly who moves from where to where, and what it does. With
 * `estimateSeconds` (a tenant read through Microsoft Graph, whose write quota sets the pace) it also
 * tells how long the move will take.
 */
export function confirmMoveCard(t: TFunction, lng: Language, snapshot: TenantSnapshot, plan: MovePlan, confirmationId: string, estimateSeconds?: number): AdaptiveCard {
  const index = indexTenant(snapshot);
  const fromSub = index.subscriptionsById.get(plan.fromSubscriptionId)!;
  const toSub = index.subscriptionsById.get(plan.toSubscriptionId)!;
  const from = planName(fromSub.planId);
  const to = planName(toSub.planId);
  const users = plan.replacements.map((r) => index.usersById.get(r.userId)!);
  // Users the move will not write (a group's licence, no usage location) take no licence.
  const needing = users.filter((u) => takesLicence(u, fromSub.id, toSub.id)).length;
  const left = Math.max(0, toSub.purchasedLicenses - index.holders(toSub.id).length - needing);
  const count = users.length;
  // Subscriptions by their plan's name (and what tells two of one plan apart), not by id.
  const fromName = subscriptionName(fromSub, snapshot, t, lng);
  const toName = subscriptionName(toSub, snapshot, t, lng);
  // The pre-flight: who will not move and why, what is carried over, before anything is written.
  const check = preflightLines(t, snapshot, preflightMove(snapshot, fromSub.id, toSub.id, users.map((u) => u.id)));
  const moving = new Set(check.movingIds);
  const movers = users.filter((u) => moving.has(u.id));
  const lines = movers.slice(0, NAMED_USERS).map((u) => t('moveUsers:confirm.userLine', { name: u.displayName, upn: u.upn, from, to }));
  if (movers.length > NAMED_USERS) lines.push(t('moveUsers:confirm.more', { count: movers.length - NAMED_USERS }));
  return confirmSwitchCard(t, {
    confirmationId,
    title: t('moveUsers:confirm.title'),
    intro: t('moveUsers:confirm.intro', { count, from: fromName, to: toName }),
    facts: [
      { label: t('moveUsers:confirm.from'), value: fromName },
      { label: t('moveUsers:confirm.to'), value: toName },
      { label: t('moveUsers:confirm.users'), value: formatNumber(count, lng) },
      ...(check.moving < count ? [{ label: t('moveResult:preflight.willMoveLabel'), value: t('moveResult:status.moved', { moved: check.moving, count }) }] : []),
      { label: t('moveUsers:confirm.left'), value: formatNumber(left, lng) },
      ...(estimateSeconds === undefined ? [] : [{ label: t('moveUsers:confirm.duration'), value: moveDurationText(t, estimateSeconds) }]),
    ],
    happensHeading: t('moveUsers:confirm.happens'),
    happens: [
      ...check.lines,
      ...lines,
      t('moveUsers:confirm.replace'),
      t('moveUsers:confirm.freed', { from: fromName }),
      ...(estimateSeconds === undefined ? [] : [t('moveUsers:confirm.quota')]),
    ],
  });
}
