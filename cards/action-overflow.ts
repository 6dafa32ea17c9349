import { deepFreeze } from './frozen';

// Hosts cap the buttons they draw: Teams shows at most six, the Adaptive Cards SDK's default host
// config five (`actions.maxActions`), and a renderer drops the rest without a word. So no list of
// actions on our cards holds more than five primary ones: the rest get `mode: "secondary"` (Adaptive
// Cards 1.5, https://adaptivecards.io/explorer/Action.Submit.html), which Teams puts under its "…"
// overflow menu. Elsewhere they move into a "More" card (Action.ShowCard, which every 1.x host runs)
// after four primary ones: a host that does not know `mode` would draw every action again, and Web
// Chat's renderer knows it but draws the overflow list unstyled in the page's corner, under the page.

export const MAX_PRIMARY_ACTIONS = 5;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

/** Channels whose clients draw secondary actions under a usable overflow menu: Teams. */
export function drawsOverflowMenu(channelId: string | undefined): boolean {
  return channelId === 'msteams';
}

/** Every action past the fifth primary one of each list becomes secondary (a copy; the card is not changed). */
export function withOverflow<T>(card: T): T {
  if (!hasLongList(card)) return card;
  return mapActionLists(card, (actions) => {
    let primary = 0;
    return actions.map((action) => {
      if (!isObject(action) || action.mode === 'secondary') return action;
      primary += 1;
      return primary > MAX_PRIMARY_ACTIONS ? { ...action, mode: 'secondary' } : action;
    });
  });
}

/** Frozen cards and what they become with a "More" card, by its title; false for one with no secondary action. */
const withMore = new WeakMap<object, Map<string, unknown> | false>();

/**
 * For a host without an overflow menu: each list's secondary actions go into a "More" card after
 * (at most) four primary ones, so the list still has five buttons at most.
 */
export function withMoreCard<T>(card: T, moreTitle: string): T {
  if (!isObject(card) || !Object.isFrozen(card)) return containsSecondary(card) ? moreCard(card, moreTitle) : card;
  // A frozen card cannot change: whether it has secondary actions is looked for once, not on every showing.
  let byTitle = withMore.get(card);
  if (byTitle === undefined) withMore.set(card, (byTitle = containsSecondary(card) ? new Map() : false));
  if (byTitle === false) return card;
  let made = byTitle.get(moreTitle);
  if (made === undefined) byTitle.set(moreTitle, (made = deepFreeze(moreCard(card, moreTitle))));
  return made as T;
}

function moreCard<T>(card: T, moreTitle: string): T {
  return mapActionLists(card, (actions) => {
    const secondary = actions.filter((a) => isObject(a) && a.mode === 'secondary');
    if (secondary.length === 0) return actions;
    const primary = actions.filter((a) => !(isObject(a) && a.mode === 'secondary'));
    // Primary actions past the fourth join the More card too, so the list keeps five buttons with it.
    const shown = primary.slice(0, MAX_PRIMARY_ACTIONS - 1);
    const rest = [...primary.slice(MAX_PRIMARY_ACTIONS - 1), ...secondary].map((action) => {
      const { mode: _mode, ...rest } = action as Json;
      return rest;
    });
    const inner = withOverflow({ type: 'AdaptiveCard', version: '1.5', body: [], actions: rest });
    return [...shown, { type: 'Action.ShowCard', title: moreTitle, card: withMoreCard(inner, moreTitle) }];
  });
}

function hasLongList(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasLongList);
  if (!isObject(node)) return false;
  const actions = node.actions;
  if (Array.isArray(actions) && actions.filter((a) => isObject(a) && a.mode !== 'secondary').length > MAX_PRIMARY_ACTIONS) return true;
  return Object.values(node).some(hasLongList);
}

function containsSecondary(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsSecondary);
  if (!isObject(node)) return false;
  if (node.mode === 'secondary') return true;
  return Object.values(node).some(containsSecondary);
}

/** A copy of the node with every `actions` list (the card's, an ActionSet's, a ShowCard's card's) passed through `change`. */
function mapActionLists<T>(node: T, change: (actions: unknown[]) => unknown[]): T {
  if (Array.isArray(node)) return node.map((item) => mapActionLists(item, change)) as T;
  if (!isObject(node)) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    const mapped = mapActionLists(value, change);
    copy[key] = key === 'actions' && Array.isArray(mapped) ? change(mapped) : mapped;
  }
  return copy as T;
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The activities' Adaptive Cards with their secondary actions in "More" cards, for a host without an overflow menu. */
export function moveOverflowIntoMoreCards(activities: { attachments?: { contentType: string; content?: unknown }[] }[], moreTitle: string): void {
  for (const activity of activities) {
    if (!activity.attachments?.some((a) => a.contentType === ADAPTIVE_CARD)) continue;
    activity.attachments = activity.attachments.map((attachment) =>
      attachment.contentType === ADAPTIVE_CARD ? { ...attachment, content: withMoreCard(attachment.content, moreTitle) } : attachment,
    );
  }
}
