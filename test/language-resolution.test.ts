import { describe, expect, it } from 'vitest';
import { isLanguage, LANGUAGES, resolveLanguage } from '../i18n/languages';

describe('resolveLanguage', () => {
  it.each([
    ['sv', 'sv'],
    ['sv-SE', 'sv'],
    ['sv-FI', 'sv'],
    ['SV_se', 'sv'],
    ['nb', 'nb'],
    ['nb-NO', 'nb'],
    ['no', 'nb'],
    ['no-NO', 'nb'],
    ['nn', 'nb'],
    ['nn-NO', 'nb'],
    ['nn_NO', 'nb'],
    ['pl', 'pl'],
    ['pl-PL', 'pl'],
    ['PL', 'pl'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    ['fi-FI', 'en'],
    ['', 'en'],
    ['  sv-SE  ', 'sv'],
    ['svx', 'en'],
  ])('%j → %s', (locale, expected) => {
    expect(resolveLanguage(locale)).toBe(expected);
  });

  it('answers English when there is no locale', () => {
    expect(resolveLanguage()).toBe('en');
    expect(resolveLanguage(undefined)).toBe('en');
    expect(resolveLanguage(null)).toBe('en');
  });
});

describe('isLanguage', () => {
  it('accepts exactly the supported languages', () => {
    for (const lng of LANGUAGES) expect(isLanguage(lng)).toBe(true);
    for (const other of ['no', 'sv-SE', 'EN', 'de', '', 1, null, undefined]) expect(isLanguage(other)).toBe(false);
  });
});
