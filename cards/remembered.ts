import { RecentlyUsed } from '../domain/recently-used';
import type { AdaptiveCard } from './render';

// Cards remembered by what they are built from. renderCard already keeps every expansion, but finds
// it by the card's data, so each showing still built the data (every label translated and formatted),
// stringified it to a key of several kilobytes and hashed that key. A card built from a tenant snapshot
// and a translator, both of which never change while they live, is found here by a short key instead.

const CARDS_PER_SCOPE = 256;

interface Scope {
  inner: WeakMap<object, Scope>;
  cards: RecentlyUsed<string, AdaptiveCard>;
}

const outermost = new WeakMap<object, Scope>();

/**
 * The card `build` makes, made once per `scopes` and `key`. Each scope is an object that never
 * changes while it lives (a tenant snapshot, a language's translator); `key` must
 * name everything else the card depends on. The card is the frozen, shared one renderCard returns.
 */
export function rememberedCard(scopes: readonly [object, ...object[]], key: string, build: () => AdaptiveCard): AdaptiveCard {
  let level = outermost;
  let scope: Scope | undefined;
  for (const object of scopes) {
    scope = level.get(object);
    if (!scope) {
      scope = { inner: new WeakMap(), cards: new RecentlyUsed(CARDS_PER_SCOPE) };
      level.set(object, scope);
    }
    level = scope.inner;
  }
  let card = scope!.cards.get(key);
  if (card === undefined) {
    card = build();
    scope!.cards.set(key, card);
  }
  return card;
}

/** A key made of parts, none of which can run into the next. */
export function cardKey(...parts: readonly (string | number | boolean | undefined)[]): string {
  return parts.map((part) => String(part ?? '')).join('\u0000');
}
