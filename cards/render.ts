import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';

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

/** Expands a card; a binding left unexpanded (templating keeps `${x}` silently) is a bug, so it throws. */
export function renderCard(name: string, data: object): AdaptiveCard {
  const { template, source } = load(name);
  const card = template.expand({ $root: data }) as AdaptiveCard;
  // A `${…}` that stands in the template itself was not bound; one that came in with the data is just text.
  for (const match of JSON.stringify(card).matchAll(/\$\{[^}]*\}/g)) {
    if (source.includes(match[0])) throw new UnboundTemplateFieldError(`card ${name}: ${match[0]} is not bound`);
  }
  return card;
}
