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

/**
 * The last card before a switch: exactly what will happen, and one button that can be pressed once.
 * Its buttons are Action.Execute, so Teams sends an `adaptiveCard/action` invoke and replaces the card
 * with the answer; each falls back to the Action.Submit every other client runs.
 */
export function confirmSwitchCard(t: TFunction, input: ConfirmSwitchInput): AdaptiveCard {
  return renderCard('confirm-switch', { ...input, confirm: t('bot:confirm.confirm'), cancel: t('bot:confirm.cancel') });
}
