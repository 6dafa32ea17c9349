import { findPlan, PLANS, type Plan } from '../domain/catalogue';

// New-commerce offers mapped to the catalogue's plans, as data. A new-commerce catalogue item is
// PRODUCT:SKU:AVAILABILITY; the product id names the plan. Product ids taken from Partner Center's own
// examples (transition-a-new-commerce-subscription, get-transitions, update-a-subscription) and the
// new-commerce price list. An offer not listed here is matched by its exact name, and one that matches
// nothing is shown by its name with no plan: never dropped.

export const OFFER_PLANS: Readonly<Record<string, string>> = {
  CFQ7TTC0LH18: 'm365-business-basic',
  CFQ7TTC0LDPB: 'm365-business-standard',
  CFQ7TTC0LCHC: 'm365-business-premium',
  CFQ7TTC0LH1G: 'm365-apps-business',
  CFQ7TTC0LF8Q: 'o365-e1',
  CFQ7TTC0LF8R: 'o365-e3',
  CFQ7TTC0LF8S: 'o365-e5',
  CFQ7TTC0LFLX: 'm365-e3',
  CFQ7TTC0LFLZ: 'm365-e5',
  CFQ7TTC0LH16: 'exchange-online-plan-1',
};

/** The product id of a catalogue item id or offer id (the part before the first colon), upper case. */
export function productOf(offerId: string): string {
  return (offerId.split(':')[0] ?? '').trim().toUpperCase();
}

/** The catalogue plan of a new-commerce offer, by product id, else by the plan's exact name; undefined when neither. */
export function planOfOffer(offerId: string, offerName?: string): Plan | undefined {
  const byProduct = OFFER_PLANS[productOf(offerId)];
  if (byProduct) return findPlan(byProduct);
  const name = offerName?.trim().toLowerCase();
  return name ? PLANS.find((plan) => plan.name.toLowerCase() === name) : undefined;
}
