import type { Activity, Attachment } from 'botbuilder';
import { deepFreeze } from '../../cards/frozen';

// Action.Execute (Universal Actions) needs a client that sends an `adaptiveCard/action` invoke and
// shows the card the bot answers with: Teams does. Web Chat parses Action.Execute (its Adaptive Cards
// renderer knows the type, so the card's `fallback` is never used) but its button does nothing, and
// older renderers such as the Emulator's ignore it. So every other channel gets the cards with each
// Action.Execute replaced by its fallback before they leave the bot.

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Channels whose clients run Action.Execute. */
export function runsUniversalActions(channelId: string | undefined): boolean {
  return channelId === 'msteams';
}

const DROP = Symbol('drop');

function downgrade(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(downgrade).filter((item) => item !== DROP);
  if (!node || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  if (object.type === 'Action.Execute') {
    // An Action.Execute without an action to fall back to ("drop" or none) disappears, as on a client that does not know it.
    return object.fallback && typeof object.fallback === 'object' ? downgrade(object.fallback) : DROP;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const next = downgrade(value);
    if (next !== DROP) copy[key] = next;
  }
  return copy;
}

function containsExecute(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsExecute);
  if (!node || typeof node !== 'object') return false;
  if ((node as { type?: unknown }).type === 'Action.Execute') return true;
  for (const value of Object.values(node)) if (containsExecute(value)) return true;
  return false;
}

/** Frozen cards (rendered ones, shared by every turn that shows them) and what they become without Action.Execute. */
const downgradedCards = new WeakMap<object, unknown>();

/**
 * The card with every Action.Execute replaced by its fallback (or removed when it has none): a copy
 * when there is one to replace, else the card itself (most cards have none, and copying them all is garbage).
 */
export function withoutUniversalActions<T>(card: T): T {
  if (!card || typeof card !== 'object' || !Object.isFrozen(card)) return containsExecute(card) ? (downgrade(card) as T) : card;
  let without = downgradedCards.get(card);
  if (without === undefined) {
    without = containsExecute(card) ? deepFreeze(downgrade(card)) : card;
    downgradedCards.set(card, without);
  }
  return without as T;
}

/** The same activities with their Adaptive Cards downgraded, for a channel that cannot run Action.Execute. */
export function downgradeActivities(activities: Partial<Activity>[]): void {
  for (const activity of activities) {
    if (!activity.attachments?.some((a) => a.contentType === ADAPTIVE_CARD)) continue;
    activity.attachments = activity.attachments.map(
      (attachment): Attachment => (attachment.contentType === ADAPTIVE_CARD ? { ...attachment, content: withoutUniversalActions(attachment.content) } : attachment),
    );
  }
}
