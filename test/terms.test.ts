import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The words Microsoft's own articles use (../shared/seeds/), one per concept, in every locale string
// and in the Teams manifest's localization files; and the variants a language review found instead.
// Typed words (bot:keywords, bot:commands, bot:languageNames) are left out: people may type any synonym.

type Lng = 'sv' | 'nb' | 'pl';
const ROOT = join(import.meta.dirname, '..');

type Json = string | Json[] | { [key: string]: Json };
const strings = (tree: Json, prefix = ''): [string, string][] =>
  typeof tree === 'string'
    ? [[prefix, tree]]
    : Array.isArray(tree)
      ? tree.flatMap((v, i) => strings(v, `${prefix}[${i}]`))
      : Object.entries(tree).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));

const TYPED = /^bot:(keywords|commands|languageNames)\./;

function localeStrings(lng: Lng): [string, string][] {
  return readdirSync(join(ROOT, 'locales', lng))
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => strings(JSON.parse(readFileSync(join(ROOT, 'locales', lng, file), 'utf8')) as Json).map(([k, v]) => [`${file.slice(0, -5)}:${k}`, v] as [string, string]))
    .filter(([key]) => !TYPED.test(key));
}

function manifestStrings(lng: Lng): [string, string][] {
  const file = JSON.parse(readFileSync(join(ROOT, 'appPackage', `${lng}.json`), 'utf8')) as Record<string, string>;
  return Object.entries(file).filter(([key]) => key !== '$schema');
}

/** A RegExp whose `\b` is a word boundary in any alphabet (JavaScript's own `\b` knows only ASCII: not "ändra"). */
const BOUNDARY = String.raw`(?:(?<![\p{L}\d])(?=[\p{L}\d])|(?<=[\p{L}\d])(?![\p{L}\d]))`;
const w = (source: string, flags = '') => new RegExp(source.replaceAll(String.raw`\b`, BOUNDARY), `${flags}u`);

interface Term {
  concept: string;
  /** The seed's word, which the locale files must use. */
  use: RegExp;
  /** What the seed says ('; ' between quotes, each found in the language's seed articles), or (a review item). */
  seed: string;
  /** Variants for the same concept that must not appear. */
  banned: RegExp[];
  /** Fixed names that contain a banned word and stay (a feature's name, another concept). */
  except?: RegExp[];
}

const TERMS: Record<Lng, Term[]> = {
  sv: [
    {
      concept: 'change a plan',
      use: w(String.raw`\bändra\b`),
      seed: 'Uppgradera eller ändra till en annan Microsoft 365 för företag-plan; Ändringen mellan planerna kan ta upp till en timme',
      banned: [w(String.raw`\bbyt(a|er|e|et|en|es|s|as|t)?\b`, 'i'), w(String.raw`planbyte`, 'i'), w(String.raw`licensbyte`, 'i')],
      except: [w(String.raw`guiden för byte av planer`, 'gi'), w(String.raw`byta språk`, 'gi'), w(String.raw`byter sida`, 'gi')],
    },
    {
      concept: 'cancel a subscription',
      use: w(String.raw`\bavbryt(a|er|s)?\b`),
      seed: 'Avbryt prenumerationer; om du avbryter inom sju dagar',
      banned: [w(String.raw`\bsäg(a|er)? upp\b`, 'i'), w(String.raw`uppsägning`, 'i')],
    },
    {
      concept: 'the admin centre',
      use: w(String.raw`administrationscentret för Microsoft 365`),
      seed: 'Administrationscenter för Microsoft 365',
      banned: [w(String.raw`Microsoft 365 administrationscenter`, 'i'), w(String.raw`Microsoft 365-administrationscenter`, 'i')],
    },
    { concept: 'subscription', use: w(String.raw`\bprenumeration`), seed: 'Flytta användare till en annan prenumeration', banned: [w(String.raw`\babonnemang`, 'i')] },
    { concept: 'prorated credit', use: w(String.raw`proportionell kredit`), seed: 'kan du få en proportionell kredit', banned: [w(String.raw`\bkreditering\b`, 'i')] },
    { concept: 'what blocks a change', use: w(String.raw`\bproblem\b`), seed: 'I följande tabell visas problem som kan uppstå', banned: [w(String.raw`\bsak(er)?\b`, 'i')] },
    { concept: 'user principal name', use: w(String.raw`användarhuvudnamn`), seed: '(review sv-27: cli:expected.upn already says användarhuvudnamn)', banned: [w(String.raw`\banvändarnamn\b`, 'i')] },
  ],
  nb: [
    {
      concept: 'switch plans',
      use: w(String.raw`\bbyttet\b`),
      seed: 'Bytte planer; når byttet er fullført; bytteprosessen',
      banned: [w(String.raw`\bendringen\b`, 'i'), w(String.raw`\bendre plan`, 'i'), w(String.raw`\bplanendring`, 'i'), w(String.raw`\bIngen bytte\b`)],
    },
    {
      concept: 'the older wizard',
      use: w(String.raw`veiviseren for bytting av planer`),
      seed: 'veiviseren for bytting av planer',
      banned: [w(String.raw`veiviseren for planbytte`, 'i')],
    },
    {
      concept: 'cancel a subscription',
      use: w(String.raw`\bavslutte`),
      seed: 'og deretter avslutte den gamle planen',
      banned: [w(String.raw`oppsigelse`, 'i'), w(String.raw`\bsi(er)? opp\b`, 'i')],
    },
    {
      concept: 'billing account (masculine in Bokmål)',
      use: w(String.raw`\ben MCA-faktureringskonto\b`),
      seed: '(review nb-5: six strings say "en MCA-faktureringskonto")',
      banned: [w(String.raw`\bet (MCA-)?faktureringskonto\b`, 'i'), w(String.raw`faktureringskontoet`, 'i')],
    },
    { concept: 'credit check', use: w(String.raw`kredittvurdering`), seed: 'Kredittvurderingen kan ta opptil to uker', banned: [w(String.raw`kredittsjekk`, 'i')] },
    { concept: 'assign a licence', use: w(String.raw`\btilordne`), seed: 'Ikke tilordne brukerlisenser til det nye abonnementet på nytt', banned: [w(String.raw`\btildel`, 'i')] },
    { concept: 'come along (the Office apps)', use: w(String.raw`følger med`), seed: '(review nb-24)', banned: [w(String.raw`blir med over`, 'i')] },
  ],
  pl: [
    {
      concept: 'switching plans',
      use: w(String.raw`przełączani[ae] planów`),
      seed: 'Jakie znaczenie ma przełączenie planów; przy użyciu przycisku Przełącz plany',
      banned: [w(String.raw`\bzmi(a|e|ą|ę|a)\p{L}*\s+plan`, 'i'), w(String.raw`\bzmian\p{L}* (ręczn|automatyczn)|\b(ręczn|automatyczn)\p{L}* zmian`, 'i')],
    },
    {
      concept: 'credit (money back, not a loan)',
      use: w(String.raw`\bśrodk(i|ów|ami)\b`),
      seed: 'Otrzymasz odpowiednią ilość środków za niewykorzystaną usługę',
      banned: [w(String.raw`\bkredyt(u|ów|y|em|ami|ach|owi)?\b`, 'i')],
    },
    { concept: 'list price (not a price list)', use: w(String.raw`ceny katalogowe`), seed: '(review pl-3)', banned: [w(String.raw`cennik`, 'i')] },
    {
      concept: 'done for you (a calque)',
      use: w(String.raw`automatycznie`),
      seed: 'Użytkownicy ze starymi subskrypcjami zostaną automatycznie przeniesieni do nowej subskrypcji',
      banned: [w(String.raw`za Ciebie`, 'i')],
    },
    { concept: 'you (singular, as "Ty" elsewhere)', use: w(String.raw`\bmasz\b`), seed: 'Jeśli przed przełączeniem planów masz więcej niż jedną subskrypcję', banned: [w(String.raw`\bmacie\b`, 'i')] },
    {
      concept: 'the assistant speaks without a grammatical gender',
      use: w(String.raw`Nie udało mi się`),
      seed: '(the bot says "Dam tu znać", "Nie udało mi się", never "zrobiłem/zrobiłam")',
      banned: [w(String.raw`\b\p{L}+[aeiouyąę]ł(em|am)\b`, 'i')],
      // Nouns in the instrumental that end the same way.
      except: [w(String.raw`\b(kanał|dział|udział|ciał)em\b`, 'gi')],
    },
    { concept: 'up to N hours after', use: w(String.raw`może potrwać do`), seed: 'Może to potrwać do godziny.', banned: [w(String.raw`dopiero do \S+ (godzin|dni)`, 'i')] },
  ],
};

const LANGS = Object.keys(TERMS) as Lng[];

/**
 * Microsoft's own articles: the copy in test/fixtures/seeds/, taken from ../shared/seeds/ and checked
 * against it wherever the repository has it beside it (CI does), so the test runs on any machine.
 */
const SEEDS = join(ROOT, 'test', 'fixtures', 'seeds');
const SHARED_SEEDS = join(ROOT, '..', 'shared', 'seeds');
const seedText = (lng: Lng) =>
  readdirSync(SEEDS)
    .filter((file) => file.startsWith(`${lng}-`))
    .map((file) => readFileSync(join(SEEDS, file), 'utf8'))
    .join('\n')
    .replace(/\s+/g, ' ');

/** A string with the fixed names taken out, so only free wording is judged. */
const withoutExceptions = (text: string, term: Term) => (term.except ?? []).reduce((out, name) => out.replace(name, ''), text);

function offences(list: [string, string][], term: Term): string[] {
  return list.flatMap(([key, text]) => {
    const free = withoutExceptions(text, term);
    return term.banned.filter((banned) => banned.test(free)).map((banned) => `${key}: /${banned.source.replaceAll(BOUNDARY, '\\b')}/ in "${text}"`);
  });
}

describe('the seed articles the terms are taken from', () => {
  it('are the five articles shared beside the repository, word for word (on a machine without them, the copy as it was taken)', () => {
    const copies = readdirSync(SEEDS).sort();
    expect(copies).toHaveLength(5);
    if (existsSync(SHARED_SEEDS)) {
      expect(copies).toEqual(readdirSync(SHARED_SEEDS).sort());
      for (const file of copies) expect(readFileSync(join(SEEDS, file), 'utf8'), file).toBe(readFileSync(join(SHARED_SEEDS, file), 'utf8'));
    }
  });
});

describe.each(LANGS)('terms in %s', (lng) => {
  const locale = localeStrings(lng);
  const manifest = manifestStrings(lng);

  it('quotes the seed articles word for word', () => {
    const seeds = seedText(lng);
    const quotes = TERMS[lng].flatMap((term) => (term.seed.startsWith('(') ? [] : term.seed.split('; ')));
    expect(quotes.length).toBeGreaterThan(3);
    for (const quote of quotes) expect(seeds, quote).toContain(quote);
  });

  it('reads the locale files and the manifest', () => {
    expect(locale.length).toBeGreaterThan(500);
    expect(manifest.length).toBe(24);
  });

  it.each(TERMS[lng].map((term) => [term.concept, term] as const))('%s: the seed’s word is used in the locale files', (_, term) => {
    expect(locale.some(([, text]) => term.use.test(text)), `${term.use} (${term.seed})`).toBe(true);
  });

  it.each(TERMS[lng].map((term) => [term.concept, term] as const))('%s: no other word for it in the locale files', (_, term) => {
    expect(offences(locale, term)).toEqual([]);
  });

  it.each(TERMS[lng].map((term) => [term.concept, term] as const))('%s: no other word for it in the Teams manifest', (_, term) => {
    expect(offences(manifest, term)).toEqual([]);
  });
});

describe('the term lists themselves', () => {
  it('catch the variants the language review found', () => {
    const caught = (lng: Lng, text: string) => TERMS[lng].some((term) => offences([['x', text]], term).length > 0);
    expect(caught('pl', 'Co przełączenie oznacza dla usług, rozliczeń i kredytów.')).toBe(true);
    expect(caught('pl', 'ceny to cenniki katalogu')).toBe(true);
    expect(caught('pl', 'a stary plan zostaje anulowany za Ciebie.')).toBe(true);
    expect(caught('pl', 'Nowa subskrypcja może pojawić się dopiero do 24 godzin po całkowitym usunięciu starej')).toBe(true);
    expect(caught('sv', 'Köp ändringen i Microsoft 365 administrationscenter')).toBe(true);
    expect(caught('sv', 'Ingen kredit vid uppsägning')).toBe(true);
    expect(caught('sv', 'Sätt att byta: Automatisk ändring')).toBe(true);
    expect(caught('sv', 'Inte än: 6 saker måste lösas först')).toBe(true);
    expect(caught('nb', '(for et MCA-faktureringskonto: en eier)')).toBe(true);
    expect(caught('nb', 'Ingen bytte er startet')).toBe(true);
    expect(caught('nb', 'Etter endringen får alle brukerne')).toBe(true);
    expect(caught('nb', 'den eldre veiviseren for planbytte')).toBe(true);
    expect(caught('pl', 'Dlaczego nie mogę zmienić planu?')).toBe(true);
    expect(caught('pl', 'Zmiana ręczna')).toBe(true);
    expect(caught('pl', 'Przestałem obserwować plan X.')).toBe(true);
    expect(caught('pl', 'Wyłączyłam je ponownie.')).toBe(true);
  });

  it('leave the fixed names and the right words alone', () => {
    const caught = (lng: Lng, text: string) => TERMS[lng].some((term) => offences([['x', text]], term).length > 0);
    expect(caught('sv', 'Guiden för byte av planer kan inte användas')).toBe(false);
    expect(caught('sv', 'namnet på ett språk för att byta språk')).toBe(false);
    expect(caught('pl', 'Trwa weryfikacja kredytowa')).toBe(false);
    expect(caught('pl', 'Nic nie zostało zmienione.')).toBe(false);
    expect(caught('pl', 'Wyślij kanałem Teams, z hasłem.')).toBe(false);
    expect(caught('nb', 'Ingen bytter er startet for denne organisasjonen ennå.')).toBe(false);
  });
});
