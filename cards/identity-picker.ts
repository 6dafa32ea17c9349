import type { TFunction } from 'i18next';
import { renderCard, type AdaptiveCard } from './render';

/** The roles the demo picker groups people by, in the order it shows them. */
export const PERSONA_GROUPS = ['global', 'billing', 'licence', 'user', 'helpdesk'] as const;
export type PersonaGroup = (typeof PERSONA_GROUPS)[number];

export interface Persona {
  tenantId: string;
  tenantName: string;
  userId: string;
  displayName: string;
  roleNames: string;
  group: PersonaGroup;
}

/** The group of a person with these roles: the first that fits, so a global admin who also owns billing is a global admin. */
export function personaGroup(roles: readonly string[]): PersonaGroup {
  if (roles.includes('GlobalAdmin')) return 'global';
  if (roles.some((role) => role.startsWith('Billing'))) return 'billing';
  if (roles.includes('LicenseAdmin') || roles.includes('UserAdmin')) return 'licence';
  if (roles.includes('HelpdeskAgent')) return 'helpdesk';
  return 'user';
}

/** The input that holds a group's pick: each group's list is its own, in its own "show card". */
export const identityInputId = (group: PersonaGroup) => `identity-${group}`;

/**
 * Local development only: pick a demo tenant and a person in it, so every role can be tried. One
 * button per role (five, what every host draws), each opening the people of that role in each organisation.
 */
export function identityPickerCard(t: TFunction, personas: readonly Persona[]): AdaptiveCard {
  return renderCard('identity-picker', {
    title: t('bot:identity.title'),
    intro: t('bot:identity.intro'),
    label: t('bot:identity.label'),
    required: t('bot:identity.required'),
    submit: t('bot:identity.submit'),
    groups: PERSONA_GROUPS.map((group) => ({
      key: group,
      name: t(`bot:identity.groups.${group}`),
      inputId: identityInputId(group),
      people: personas
        .filter((p) => p.group === group)
        .map((p) => ({ title: `${p.tenantName} · ${p.displayName} · ${p.roleNames}`, value: `${p.tenantId}|${p.userId}` })),
    })).filter((g) => g.people.length > 0),
  });
}
