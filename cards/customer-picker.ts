import type { TFunction } from 'i18next';
import { renderCard, type AdaptiveCard } from './render';

/** A helpdesk agent picks the customer tenant they are guiding. */
export function customerPickerCard(t: TFunction, tenants: readonly { id: string; name: string }[]): AdaptiveCard {
  return renderCard('customer-picker', {
    title: t('bot:helpdesk.title'),
    intro: t('bot:helpdesk.intro'),
    label: t('bot:helpdesk.label'),
    required: t('bot:helpdesk.required'),
    submit: t('bot:helpdesk.submit'),
    tenants,
  });
}
