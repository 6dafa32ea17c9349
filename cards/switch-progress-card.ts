import { renderCard, type AdaptiveCard } from './render';

export interface SwitchProgressCardInput {
  title: string;
  /** How far it is, e.g. "3 of 8 users moved (38%)". */
  progress: string;
  text: string;
  facts: readonly { label: string; value: string }[];
  /** Ids, for whoever compares with the admin centre; empty for none. */
  details: string;
  style: 'emphasis' | 'good' | 'attention';
}

/** A running switch's one card, replaced in place as it goes where the channel allows it. */
export function switchProgressCard(input: SwitchProgressCardInput): AdaptiveCard {
  return renderCard('switch-progress', input);
}
