import { describe, expect, it } from 'vitest';
import { formatDate, formatList, formatMoney, formatNumber } from '../i18n/format';

/** Intl separates groups and currency signs with (narrow) no-break spaces: compare on plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('writes euros with a comma decimal and € in Swedish', () => {
    const text = plain(formatMoney({ minor: 123450, currency: 'EUR' }, 'sv'));
    expect(text).toBe('1 234,50 €');
  });

  it('writes euros with a point decimal in English', () => {
    expect(formatMoney({ minor: 123450, currency: 'EUR' }, 'en')).toBe('€1,234.50');
  });

  it('writes złoty as zł in Polish', () => {
    expect(plain(formatMoney({ minor: 123450, currency: 'PLN' }, 'pl'))).toBe('1234,50 zł');
    expect(plain(formatMoney({ minor: 1234500, currency: 'PLN' }, 'pl'))).toBe('12 345,00 zł');
  });

  it('writes kroner in Norwegian and Swedish', () => {
    expect(plain(formatMoney({ minor: 99900, currency: 'NOK' }, 'nb'))).toBe('999,00 kr');
    expect(plain(formatMoney({ minor: 99900, currency: 'SEK' }, 'sv'))).toBe('999,00 kr');
  });

  it('respects currencies without minor units', () => {
    expect(formatMoney({ minor: 1234, currency: 'JPY' }, 'en')).toBe('¥1,234');
  });

  it('keeps negative amounts negative', () => {
    expect(formatMoney({ minor: -500, currency: 'USD' }, 'en')).toBe('-$5.00');
  });

  it('falls back to number and code for a malformed currency code', () => {
    expect(formatMoney({ minor: 1234, currency: 'EURO' }, 'en')).toBe('12.34 EURO');
  });
});

describe('formatDate', () => {
  it.each([
    ['en', 'January 15, 2026'],
    ['sv', '15 januari 2026'],
    ['nb', '15. januar 2026'],
    ['pl', '15 stycznia 2026'],
  ] as const)('writes a long date in %s', (lng, expected) => {
    expect(formatDate('2026-01-15', lng)).toBe(expected);
  });

  it('never shifts the day, whatever the time zone (read in UTC)', () => {
    expect(formatDate('2026-12-31', 'en')).toBe('December 31, 2026');
    expect(formatDate('2027-01-01', 'sv')).toBe('1 januari 2027');
  });

  it('returns a malformed date as given', () => {
    expect(formatDate('not-a-date', 'en')).toBe('not-a-date');
  });
});

describe('formatNumber', () => {
  it('groups and separates decimals per language', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(plain(formatNumber(1234.5, 'sv'))).toBe('1 234,5');
    expect(plain(formatNumber(1234.5, 'nb'))).toBe('1 234,5');
    expect(plain(formatNumber(12345.5, 'pl'))).toBe('12 345,5');
  });
});

describe('formatList', () => {
  it.each([
    ['en', 'a, b, and c', 'a, b, or c'],
    ['sv', 'a, b och c', 'a, b eller c'],
    ['nb', 'a, b og c', 'a, b eller c'],
    ['pl', 'a, b i c', 'a, b lub c'],
  ] as const)('joins items in %s', (lng, and, or) => {
    expect(formatList(['a', 'b', 'c'], lng)).toBe(and);
    expect(formatList(['a', 'b', 'c'], lng, 'disjunction')).toBe(or);
  });

  it('leaves a single item alone', () => {
    expect(formatList(['Exchange Online'], 'pl')).toBe('Exchange Online');
  });
});
