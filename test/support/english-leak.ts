import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../i18n/languages';

const LOCALES = join(import.meta.dirname, '..', '..', 'locales');

function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (node && typeof node === 'object') for (const v of Object.values(node)) strings(v, out);
  return out;
}

function load(lng: Language): Set<string> {
  const all = new Set<string>();
  for (const file of readdirSync(join(LOCALES, lng))) {
    if (!file.endsWith('.json')) continue;
    for (const s of strings(JSON.parse(readFileSync(join(LOCALES, lng, file), 'utf8')))) all.add(s);
  }
  return all;
}

/** English sentences (the fixed parts of en locale strings, 4+ words) that appear in a reply meant for another language. */
export function englishLeaks(text: string, lng: Language): string[] {
  if (lng === 'en') return [];
  const own = load(lng);
  const leaks = new Set<string>();
  for (const value of load('en')) {
    if (own.has(value)) continue;
    for (const fragment of value.split(/\{\{[^}]*\}\}|[|\n]/)) {
      const piece = fragment.trim();
      if (piece.split(/\s+/).length >= 4 && text.includes(piece)) leaks.add(piece);
    }
  }
  return [...leaks];
}
