import type { TFunction } from 'i18next';
import { renderCard, type AdaptiveCard } from './render';

export interface Persona {
  tenantId: string;
  tenantName: string;
  userId: string;
  displayName: string;
  roleNames: string;
}

/** Local development only: pick a demo tenant and a person in it, so every role can be tried. */
export function identityPickerCard(t: TFunction, personas: readonly Persona[]): AdaptiveCard {
  return renderCard('identity-picker', {
    title: t('bot:identity.title'),
    intro: t('bot:identity.intro'),
    label: t('bot:identity.label'),
    required: t('bot:identity.required'),
    submit: t('bot:identity.submit'),
    people: personas.map((p) => ({ title: `${p.tenantName} · ${p.displayName} · ${p.roleNames}`, value: `${p.tenantId}|${p.userId}` })),
  });
}
