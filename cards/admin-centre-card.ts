import { renderCard, type AdaptiveCard } from './render';
import type { Submission } from './submissions';

/**
 * Microsoft's "Your products" page of the admin centre (Billing > Your products), as its own articles
 * link it ("Upgrade to a different plan": https://go.microsoft.com/fwlink/p/?linkid=842054). No link to
 * one subscription's page is documented: the card names the subscription to select there.
 */
export const YOUR_PRODUCTS_URL = 'https://go.microsoft.com/fwlink/p/?linkid=842054';

/** A plan change bought in the admin centre: the link to it, and where the person can go next. */
export function adminCentrePurchaseCard(input: { title: string; text: string; open: string; actions: readonly { title: string; data: Submission }[] }): AdaptiveCard {
  return renderCard('admin-centre-purchase', { ...input, url: YOUR_PRODUCTS_URL });
}
