import type { TFunction } from 'i18next';
import { renderCard, type AdaptiveCard } from './render';

/**
 * For a person whose organisation has not onboarded the bot: the consent link, and who must open it
 * (a Global Administrator, or a Privileged Role Administrator, of that organisation).
 */
export function consentCard(t: TFunction, consentUrl: string): AdaptiveCard {
  return renderCard('admin-consent', {
    title: t('tenants:card.title'),
    text: t('tenants:card.text'),
    who: t('tenants:card.who'),
    after: t('tenants:card.after'),
    button: t('tenants:card.button'),
    url: consentUrl,
  });
}
