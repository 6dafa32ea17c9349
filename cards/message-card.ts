import type { Submission } from './submissions';
import { renderCard, type AdaptiveCard } from './render';

/** A short message with buttons to where the person can go next. */
export function messageCard(input: { title: string; text: string; actions: readonly { title: string; data: Submission }[] }): AdaptiveCard {
  return renderCard('message-actions', input);
}
