import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressText, startedText } from '../conversation/switch-messages';
import type { SwitchJob } from '../domain/switch-job';
import { LANGUAGES, type Language } from '../i18n/languages';
import { translator } from '../i18n/translator';

// Every figure in a sentence goes through the language's number formatter, so a card never says
// "för 3042 användare" in its text and "3 042" in its facts. A locale string marks a figure with
// `{{name, number}}`; the translator's `number` format writes a number as format.ts does and leaves a
// value the code already formatted as it is.

const LOCALES = join(import.meta.dirname, '..', 'locales');

type Json = string | { [key: string]: Json };

function leaves(tree: Json, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  return Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

const strings: { lng: Language; key: string; text: string }[] = LANGUAGES.flatMap((lng) =>
  readdirSync(join(LOCALES, lng))
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      const ns = file.slice(0, -'.json'.length);
      const tree = JSON.parse(readFileSync(join(LOCALES, lng, file), 'utf8')) as Json;
      return leaves(tree).map(([key, text]) => ({ lng, key: `${ns}:${key}`, text }));
    }),
);

/** `{{name}}` or `{{name, format}}`, as name and format. */
const interpolations = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,\s*([^}]*?))?\s*\}\}/g)].map((m) => ({ name: m[1]!, format: m[2] }));

/** Variables that hold a figure wherever they appear. */
const FIGURES = new Set(['count', 'done', 'total', 'percent', 'page', 'pages', 'shown', 'purchased', 'assigned', 'needed', 'available', 'limit']);

/**
 * Where a figure's name holds something else, with why: `users` is a list of names in
 * USERS_NOT_ON_SUBSCRIPTION; `licenseCount` echoes what the admin typed (it may be "abc").
 */
const NOT_FIGURES: Readonly<Record<string, readonly string[]>> = {
  'rules:USERS_NOT_ON_SUBSCRIPTION.explanation': ['users'],
  'rules:INVALID_LICENSE_COUNT.explanation': ['licenseCount'],
};

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const exempt = (key: string, name: string) => (NOT_FIGURES[key.replace(PLURAL_SUFFIX, '')] ?? []).includes(name);

/** A name written `, number` anywhere is a figure everywhere (unless exempt where it means something else). */
const numericNames = new Set([...FIGURES, ...strings.flatMap(({ text }) => interpolations(text).filter((v) => v.format === 'number').map((v) => v.name))]);

/** Intl groups with a (narrow) no-break space in sv, nb and pl: compare on plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('figures in sentences', () => {
  it('finds the strings it checks', () => {
    expect(strings.filter((s) => s.lng === 'en').length).toBeGreaterThan(500);
    expect(numericNames).toContain('users');
  });

  it.each(LANGUAGES)('every figure in %s goes through the number formatter', (lng) => {
    const raw = strings
      .filter((s) => s.lng === lng)
      .flatMap(({ key, text }) =>
        interpolations(text)
          .filter((v) => numericNames.has(v.name) && v.format !== 'number' && !exempt(key, v.name))
          .map((v) => `${key}: {{${v.name}}}`),
      );
    expect(raw).toEqual([]);
  });

  it.each(LANGUAGES)('a figure marked for the formatter in %s is written in the language (30420 as 30 420)', (lng) => {
    const t = translator(lng);
    const grouped = lng === 'en' ? '30,420' : '30 420';
    let checked = 0;
    for (const { key, text } of strings.filter((s) => s.lng === lng)) {
      if (!interpolations(text).some((v) => v.format === 'number')) continue;
      // A plural key is chosen by `count` even when its sentence does not show it.
      const vars = { count: 30420, ...Object.fromEntries(interpolations(text).map((v) => [v.name, v.format === 'number' ? 30420 : 'X'])) };
      const said = plain(t(key.replace(PLURAL_SUFFIX, ''), vars));
      expect(said, key).toContain(grouped);
      expect(said, key).not.toMatch(/\b30420\b/);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('leaves a figure the code already formatted as it is', () => {
    expect(plain(translator('sv')('manual:checklist.progress', { done: '1 540', total: 3042 }))).toContain('1 540 av 3 042');
    expect(translator('en')('manual:checklist.progress', { done: '1,540', total: 3042 })).toContain('1,540 of 3,042');
  });

  const job = (users: number): SwitchJob =>
    ({
      kind: 'automatic-change',
      fromPlan: 'm365-business-basic',
      toPlan: 'm365-business-standard',
      replacements: Array.from({ length: users }, (_, i) => ({ userId: `u-${i}` })),
    }) as unknown as SwitchJob;

  it.each([
    ['sv', 'för 3 042 användare', '1 540 av 3 042 användare'],
    ['nb', 'for 3 042 brukere', '1 540 av 3 042 brukere'],
    ['pl', 'dla 3042 użytkowników', '1540 z 3042 użytkowników'],
    ['en', 'for 3,042 users', '1,540 of 3,042 users'],
  ] as const)('the running switch writes its figures in %s as the facts do', (lng, started, progress) => {
    const t = translator(lng);
    expect(plain(startedText(t, job(3042)))).toContain(started);
    const event = { percent: 51, done: 1540, total: 3042, step: 'subscription-created', jobId: 'j' } as Parameters<typeof progressText>[2];
    expect(plain(progressText(t, job(3042), event))).toContain(progress);
  });

  it('groups Polish figures from five digits, as Polish does', () => {
    const t = translator('pl');
    const event = { percent: 51, done: 15400, total: 30420, step: 'subscription-created', jobId: 'j' } as Parameters<typeof progressText>[2];
    expect(plain(progressText(t, job(30420), event))).toContain('15 400 z 30 420');
  });
});
