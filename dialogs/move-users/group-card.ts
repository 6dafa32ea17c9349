import type { TFunction } from 'i18next';
import { confirmSwitchCard } from '../../cards/confirm-switch-card';
import type { AdaptiveCard } from '../../cards/render';
import { groupLicenceOffer, type GroupLicenceOffer } from '../../domain/move-preflight';
import type { MovePlan } from '../../domain/move-users';
import type { TenantSnapshot } from '../../domain/snapshot/schema';

// The choice the pre-flight offers when some chosen users get the old licence from a group: a second
// confirmation card that moves the GROUP's licence too — which changes it for every member of the group,
// also those the admin did not choose, and says how many. Pressing the first card instead moves the
// others and lists these users.

/** The offer for the plan's users, or undefined when none of them gets the old licence from a group. */
export function groupOfferFor(snapshot: TenantSnapshot, plan: MovePlan): GroupLicenceOffer | undefined {
  return groupLicenceOffer(snapshot, plan.fromSubscriptionId, plan.toSubscriptionId, plan.replacements.map((r) => r.userId));
}

/** The card's title, also the text of its message: "Also move the licence of group G". */
export function groupOfferTitle(t: TFunction, snapshot: TenantSnapshot, offer: GroupLicenceOffer): string {
  const groupNames = new Map((snapshot.groups ?? []).map((g) => [g.id, g.displayName]));
  return t('moveUsers:groupOffer.title', { count: offer.groups.length, groups: offer.groups.map((g) => groupNames.get(g.groupId) ?? g.groupId).join(', ') });
}

export function groupLicenceCard(t: TFunction, snapshot: TenantSnapshot, offer: GroupLicenceOffer, confirmationId: string): AdaptiveCard {
  const names = new Map(snapshot.users.map((u) => [u.id, u.displayName || u.upn]));
  const groupNames = new Map((snapshot.groups ?? []).map((g) => [g.id, g.displayName]));
  const groups = offer.groups.map((g) => ({ ...g, name: groupNames.get(g.groupId) ?? g.groupId }));
  return confirmSwitchCard(t, {
    confirmationId,
    title: groupOfferTitle(t, snapshot, offer),
    intro: t('moveUsers:groupOffer.intro', { count: offer.userIds.length, names: offer.userIds.map((id) => names.get(id) ?? id).join(', ') }),
    facts: groups.map((g) => ({ label: g.name, value: t('moveUsers:groupOffer.members', { count: g.members, notChosen: g.notChosen }) })),
    happensHeading: t('moveUsers:groupOffer.happens'),
    happens: [
      ...groups.map((g) => t('moveUsers:groupOffer.everyMember', { group: g.name, count: g.notChosen })),
      t('moveUsers:groupOffer.licences', { count: offer.licences.needed, free: offer.licences.free }),
      t('moveUsers:groupOffer.background'),
      t('moveUsers:groupOffer.directAlso'),
      t('moveUsers:groupOffer.permission'),
    ],
  });
}
