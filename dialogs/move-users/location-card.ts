import type { TFunction } from 'i18next';
import { confirmSwitchCard } from '../../cards/confirm-switch-card';
import type { AdaptiveCard } from '../../cards/render';
import { preflightMove } from '../../domain/move-preflight';
import type { MovePlan } from '../../domain/move-users';
import type { TenantSnapshot } from '../../domain/snapshot/schema';
import type { Language } from '../../i18n/languages';

// The choice the pre-flight offers when some chosen users have no usage location and the organisation's
// country is known: a second confirmation card that sets it to that country for them, then moves
// everyone. Pressing the first card instead moves the others and lists these users.

/** The users without a usage location, and the country to offer; undefined when there is nothing to offer. */
export function usageLocationOffer(snapshot: TenantSnapshot, plan: MovePlan): { country: string; userIds: string[] } | undefined {
  const country = snapshot.tenant.country;
  if (!country) return undefined;
  const preflight = preflightMove(snapshot, plan.fromSubscriptionId, plan.toSubscriptionId, plan.replacements.map((r) => r.userId));
  const userIds = preflight.users.filter((u) => u.kind === 'no-usage-location').map((u) => u.userId);
  return userIds.length > 0 ? { country, userIds } : undefined;
}

export function usageLocationCard(t: TFunction, lng: Language, snapshot: TenantSnapshot, offer: { country: string; userIds: string[] }, confirmationId: string): AdaptiveCard {
  const names = new Map(snapshot.users.map((u) => [u.id, u.displayName || u.upn]));
  const countryName = new Intl.DisplayNames([lng === 'nb' ? 'nb-NO' : lng], { type: 'region' }).of(offer.country) ?? offer.country;
  const country = `${countryName} (${offer.country})`;
  return confirmSwitchCard(t, {
    confirmationId,
    title: t('moveResult:location.title'),
    intro: t('moveResult:location.intro', { count: offer.userIds.length, names: offer.userIds.map((id) => names.get(id) ?? id).join(', '), country }),
    facts: [],
    happensHeading: t('moveResult:location.happens'),
    happens: [t('moveResult:location.what', { country }), t('moveResult:location.permission')],
  });
}
