import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOWS, type Flow } from '../cards/submissions';
import { mentions, recogniseCommand, recogniseLanguage, type Command } from '../dialogs/shared/keywords';
import { flowFromText } from '../dialogs/shared/text-meanings';
import { LANGUAGES, type Language } from '../i18n/languages';

// The words people type instead of pressing a button. keywords.ts pools every language's words,
// so one file's word must not mean something else in another file: "avbryt" cancels whatever
// language the bot speaks, and a phrase that opens one flow must not open another.

const COMMANDS: readonly Command[] = ['help', 'cancel', 'startOver', 'menu'];
const OTHERS = LANGUAGES.filter((lng) => lng !== 'en');

type Tree = { [key: string]: string | Tree };

/** Read straight from the file, so a missing key is not hidden by the fallback to en. */
const bot = Object.fromEntries(
  LANGUAGES.map((lng) => [lng, JSON.parse(readFileSync(join(import.meta.dirname, '..', 'locales', lng, 'bot.json'), 'utf8')) as Tree]),
) as Record<Language, Tree>;

function text(lng: Language, path: string): string {
  let node: string | Tree | undefined = bot[lng];
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`locales/${lng}/bot.json has no ${path}`);
  return node;
}

const list = (lng: Language, path: string) => text(lng, path).split('|').map((word) => word.trim());

/** The same normalisation as keywords.ts, so collisions are judged as the bot judges them. */
const normalise = (typed: string) => typed.trim().toLowerCase().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');

/** The flow the menu opens for typed text (the first, in FLOWS order, whose keywords it mentions). */
function flowOf(typed: string): Flow | undefined {
  const submission = flowFromText(typed);
  return submission?.verb === 'menu.open' ? submission.flow : undefined;
}

const flowsMentionedBy = (typed: string): Flow[] => FLOWS.filter((flow) => mentions(typed, `bot:keywords.${flow}`));

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Every (language, owner, word) of a group of '|'-lists, e.g. every command word of every file. */
function claims<K extends string>(keys: readonly K[], path: (key: K) => string): { lng: Language; key: K; word: string }[] {
  return LANGUAGES.flatMap((lng) => keys.flatMap((key) => list(lng, path(key)).map((word) => ({ lng, key, word }))));
}

const commandClaims = claims(COMMANDS, (command) => `commands.${command}`);
const languageClaims = claims(LANGUAGES, (target) => `languageNames.${target}`);
const keywordClaims = claims(FLOWS, (flow) => `keywords.${flow}`);

describe.each(LANGUAGES)('words typed in %s', (lng) => {
  it('lists only non-empty, lower-case words, each once', () => {
    for (const path of [...COMMANDS.map((c) => `commands.${c}`), ...LANGUAGES.map((l) => `languageNames.${l}`), ...FLOWS.map((f) => `keywords.${f}`)]) {
      const words = list(lng, path);
      for (const word of words) {
        expect(word, `${lng}: ${path}`).not.toBe('');
        expect(word, `${lng}: ${path}`).toBe(word.toLowerCase());
      }
      expect(new Set(words.map(normalise)).size, `${lng}: ${path} repeats a word`).toBe(words.length);
    }
  });

  it.each(COMMANDS)('recognises every word of commands.%s as that command', (command) => {
    for (const word of list(lng, `commands.${command}`)) {
      expect(recogniseCommand(word), `${lng}: "${word}"`).toBe(command);
      expect(recogniseCommand(`  ${capitalised(word)}!`), `${lng}: "${capitalised(word)}!"`).toBe(command);
    }
  });

  it.each(LANGUAGES)('recognises every name in languageNames.%s as that language', (target) => {
    for (const name of list(lng, `languageNames.${target}`)) {
      expect(recogniseLanguage(name), `${lng}: "${name}"`).toBe(target);
      expect(recogniseLanguage(capitalised(name)), `${lng}: "${capitalised(name)}"`).toBe(target);
    }
  });

  it.each(FLOWS)('finds each keyword of keywords.%s, typed alone, for that flow only', (flow) => {
    for (const keyword of list(lng, `keywords.${flow}`)) expect(flowsMentionedBy(keyword), `${lng}: "${keyword}"`).toEqual([flow]);
  });

  it('says it speaks its own language', () => {
    expect(recogniseLanguage(lng === 'en' ? 'english' : list(lng, `languageNames.${lng}`)[0]!)).toBe(lng);
    if (lng !== 'en') expect(text(lng, 'language.changed')).not.toBe(text('en', 'language.changed'));
  });

  it('offers, in its help, language names the bot recognises', () => {
    const named = text(lng, 'help').match(/\(([^)]*)\)/)?.[1]?.split(',').map((name) => name.trim()) ?? [];
    expect(named.map((name) => recogniseLanguage(name))).toEqual([...LANGUAGES]);
  });
});

describe.each(OTHERS)('words of %s are its own', (lng) => {
  it('has its own commands, language names and flow keywords rather than a copy of en', () => {
    const paths = [...COMMANDS.map((c) => `commands.${c}`), ...LANGUAGES.map((l) => `languageNames.${l}`), ...FLOWS.map((f) => `keywords.${f}`)];
    for (const path of paths) expect(text(lng, path), `${lng}: ${path}`).not.toBe(text('en', path));
  });
});

describe.each(LANGUAGES)('typed words in %s do what they say', (lng) => {
  // The menu takes the flow whose keyword covers the most of the message, so a flow's title, typed,
  // opens that flow ("Why can't I change plans?" is a diagnosis, not a change).
  it('opens each flow when its menu title is typed', () => {
    for (const flow of FLOWS) expect(flowOf(text(lng, `menu.flows.${flow}`)), `${lng}: menu.flows.${flow}`).toBe(flow);
  });

  it('keeps the promises of its help text: each quoted example does what it says', () => {
    const quoted = [...text(lng, 'help').matchAll(/[„”«"]([^„”«»"]+)[”»"]/g)].map((m) => m[1]!);
    const meaning = quoted.map((q) => recogniseCommand(q) ?? flowOf(q));
    expect(meaning).toEqual(['change-plan', 'diagnose', 'move-users', 'backup', 'billing', 'status', 'cancel', 'startOver']);
  });
});

describe('across all four files', () => {
  function owners<K extends string>(all: { lng: Language; key: K; word: string }[]): Map<string, Set<K>> {
    const byWord = new Map<string, Set<K>>();
    for (const { key, word } of all) byWord.set(normalise(word), (byWord.get(normalise(word)) ?? new Set<K>()).add(key));
    return byWord;
  }
  const ambiguous = <K extends string>(byWord: Map<string, Set<K>>) =>
    [...byWord].filter(([, keys]) => keys.size > 1).map(([word, keys]) => `"${word}": ${[...keys].join(', ')}`);

  it('no typed word belongs to two commands', () => {
    expect(ambiguous(owners(commandClaims))).toEqual([]);
  });

  it('no language name belongs to two languages', () => {
    expect(ambiguous(owners(languageClaims))).toEqual([]);
  });

  it('no language name is also a command (language names are checked first and would swallow it)', () => {
    const names = new Set(languageClaims.map(({ word }) => normalise(word)));
    expect(commandClaims.filter(({ word }) => names.has(normalise(word))).map(({ lng, word }) => `${lng}: ${word}`)).toEqual([]);
  });

  it('no flow keyword, typed alone, is taken as a command or a language before the menu sees it', () => {
    const caught = keywordClaims.filter(({ word }) => recogniseCommand(word) !== undefined || recogniseLanguage(word) !== undefined);
    expect(caught.map(({ lng, key, word }) => `${lng}: ${key}: ${word}`)).toEqual([]);
  });
});
