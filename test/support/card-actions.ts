// What a host draws of a card's buttons: Teams at most six, the Adaptive Cards SDK's default host
// config five (its renderer drops the rest without a word). Our cards keep each list of actions to
// five primary ones; the rest are secondary (under the host's "…" menu) or inside a "More" card.

const MAX_PRIMARY = 5;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

/** Every list of actions in the card (the card's own, ActionSets', ShowCards' cards'), each with the path to it. */
export function actionLists(card: unknown, path = ''): { path: string; actions: Json[] }[] {
  if (Array.isArray(card)) return card.flatMap((item, i) => actionLists(item, `${path}/${i}`));
  if (!isObject(card)) return [];
  const found: { path: string; actions: Json[] }[] = [];
  for (const [key, value] of Object.entries(card)) {
    if (key === 'actions' && Array.isArray(value)) found.push({ path: `${path}/actions`, actions: value.filter(isObject) });
    found.push(...actionLists(value, `${path}/${key}`));
  }
  return found;
}

/**
 * The lists of actions a host would cut: more than five primary actions, or (for a host without an
 * overflow menu, `overflowMenu: false`) more than five actions at all.
 */
export function actionCapProblems(card: unknown, { overflowMenu = true } = {}): string[] {
  return actionLists(card).flatMap(({ path, actions }) => {
    const primary = actions.filter((a) => a.mode !== 'secondary').length;
    if (primary > MAX_PRIMARY) return [`${path}: ${primary} primary actions`];
    if (!overflowMenu && actions.length > MAX_PRIMARY) return [`${path}: ${actions.length} actions and no overflow menu`];
    if (!overflowMenu && actions.some((a) => a.mode === 'secondary')) return [`${path}: secondary actions on a host without an overflow menu`];
    return [];
  });
}
