import { toDecimal, type Money } from '../domain/money';
import { parseIsoDate } from '../domain/dates';
import type { Language } from './languages';

// Numbers, money, dates and lists as each language writes them; Intl formatters are built once per key.

const INTL_LOCALES: Readonly<Record<Language, string>> = {
  en: 'en-US',
  sv: 'sv-SE',
  nb: 'nb-NO',
  pl: 'pl-PL',
};

export function intlLocale(lng: Language): string {
  return INTL_LOCALES[lng];
}

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

const numberFormats = new Map<string, Intl.NumberFormat | null>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

export function formatNumber(n: number, lng: Language): string {
  return cached(numberFormats, lng, () => new Intl.NumberFormat(INTL_LOCALES[lng]))!.format(n);
}

/** `{ minor: 123450, currency: 'EUR' }` as `1 234,50 €` (sv) or `€1,234.50` (en). */
export function formatMoney(money: Money, lng: Language): string {
  const currency = money.currency.toUpperCase();
  const format = cached(numberFormats, `${lng}|${currency}`, () => {
    try {
      return new Intl.NumberFormat(INTL_LOCALES[lng], { style: 'currency', currency });
    } catch {
      return null; // not a well-formed currency code
    }
  });
  const amount = toDecimal(money);
  return format ? format.format(amount) : `${formatNumber(amount, lng)} ${currency}`;
}

/** An ISO calendar date (`2026-01-15`) as a long date in the language, read in UTC so no time zone shifts it. */
export function formatDate(iso: string, lng: Language): string {
  const utcMs = parseIsoDate(iso);
  if (Number.isNaN(utcMs)) return iso;
  const format = cached(dateFormats, lng, () => new Intl.DateTimeFormat(INTL_LOCALES[lng], { dateStyle: 'long', timeZone: 'UTC' }));
  return format.format(utcMs);
}

/** `a, b and c` (conjunction) or `a, b or c` (disjunction) in the language. */
export function formatList(items: readonly string[], lng: Language, type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  const format = cached(listFormats, `${lng}|${type}`, () => new Intl.ListFormat(INTL_LOCALES[lng], { style: 'long', type }));
  return format.format(items);
}
