import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import { RecentlyUsed } from '../domain/recently-used';
import { withOverflow } from './action-overflow';
import { deepFreeze } from './frozen';

// One Adaptive Card template per card under cards/templates/, expanded with data whose words
// come from the turn's translator. Templates are parsed once and reused: building a Template
// costs about ten times its expansion.
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

const TEMPLATE_DIR = join(import.meta.dirname, 'templates');
const templates = new Map<string, { template: Template; source: string }>();

function load(name: string): { template: Template; source: string } {
  let cached = templates.get(name);
  if (!cached) {
    const source = readFileSync(join(TEMPLATE_DIR, `${name}.json`), 'utf8');
    cached = { template: new Template(JSON.parse(source)), source };
    templates.set(name, cached);
  }
  return cached;
}

export class UnboundTemplateFieldError extends Error {}

/**
 * Expanded cards by template and data. Expansion parses every `${…}` expression again each time
 * (about a millisecond for the larger cards), while the same card with the same words and figures
 * is shown again and again; the key is the data itself, so a different word is a different card.
 */
const expanded = new RecentlyUsed<string, AdaptiveCard>(1_000);

/**
 * Expands a card; a binding left unexpanded (templating keeps `${x}` silently) is a bug, so it throws.
 * The same words and figures give the same card object, shared by every turn that shows it, so it is
 * frozen: whoever needs another card makes a copy (see bot/teams/universal-actions.ts).
 */
export function renderCard(name: string, data: object): AdaptiveCard {
  const key = `${name}\u0000${JSON.stringify(data)}`;
  const hit = expanded.get(key);
  if (hit !== undefined) return hit;
  const { template, source } = load(name);
  // No list of actions holds more primary ones than hosts draw (see action-overflow.ts).
  const card = withOverflow(template.expand({ $root: data }) as AdaptiveCard);
  const json = JSON.stringify(card);
  // A `${…}` that stands in the template itself was not bound; one that came in with the data (a person's
  // search text, say) is just text.
  for (const match of json.matchAll(/\$\{[^}]*\}/g)) {
    if (source.includes(match[0]) && !key.includes(match[0])) throw new UnboundTemplateFieldError(`card ${name}: ${match[0]} is not bound`);
  }
  expanded.set(key, deepFreeze(card));
  return card;
}
