import type { Flow } from './submissions';
import { renderCard, type AdaptiveCard } from './render';

export interface BillingCardInput {
  title: string;
  subtitle: string;
  /** The way the change would go, and what that way does. */
  way: string;
  wayText: string;
  serviceHeading: string;
  effects: readonly string[];
  billingHeading: string;
  /** The subscription's own figures: period, credit, prepaid value, new cost, MCA window, unpaid balance. */
  facts: readonly { label: string; value: string }[];
  notes: readonly { title: string; text: string; style: 'good' | 'warning' | 'attention' }[];
  actions: readonly { title: string; flow: Flow }[];
}

/** What switching means for service and billing, with the figures of one subscription for today. */
export function billingCard(input: BillingCardInput): AdaptiveCard {
  return renderCard('billing-summary', input);
}
