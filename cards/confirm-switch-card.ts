import type { TFunction } from 'i18next';
import { renderCard, type AdaptiveCard } from './render';

export interface ConfirmSwitchInput {
  confirmationId: string;
  title: string;
  intro: string;
  facts: readonly { label: string; value: string }[];
  happensHeading: string;
  happens: readonly string[];
}

/** The last card before a switch: exactly what will happen, and one button that can be pressed once. */
export function confirmSwitchCard(t: TFunction, input: ConfirmSwitchInput): AdaptiveCard {
  return renderCard('confirm-switch', { ...input, confirm: t('bot:confirm.confirm'), cancel: t('bot:confirm.cancel') });
}
