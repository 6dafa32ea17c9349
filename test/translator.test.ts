import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';

// The translator remembers its answers; these tests hold it to giving exactly what i18next gives.

describe('the remembering translator', () => {
  it('answers each figure with its own Polish plural form, asked in any order and again', () => {
    const t = translator('pl');
    const asked = [1, 2, 5, 22, 1, 25, 2, 1.5];
    const first = asked.map((count) => t('limits:changes.user', { count }));
    const again = asked.map((count) => t('limits:changes.user', { count }));
    expect(again).toEqual(first);
    expect(first[0]).toContain('1 minutę');
    expect(first[1]).toContain('2 minuty');
    expect(first[2]).toContain('5 minut,');
    expect(first[3]).toContain('22 minuty');
    expect(first[5]).toContain('25 minut,');
  });

  it('never hands one language’s answer to another', () => {
    const answers = LANGUAGES.map((lng) => translator(lng)('bot:errors.generic'));
    expect(new Set(answers).size).toBe(LANGUAGES.length);
    expect(LANGUAGES.map((lng) => translator(lng)('bot:errors.generic'))).toEqual(answers);
  });

  it('tells a number from the same digits as text, and one name from another', () => {
    const t = translator('en');
    expect(t('limits:changes.user', { count: 1 })).not.toEqual(t('limits:changes.user', { count: 5 }));
    const anna = t('bot:helpdesk.guiding', { tenant: 'Contoso' });
    const other = t('bot:helpdesk.guiding', { tenant: 'Fabrikam' });
    expect(anna).toContain('Contoso');
    expect(other).toContain('Fabrikam');
    expect(t('bot:helpdesk.guiding', { tenant: 'Contoso' })).toBe(anna);
  });

  it('passes what is not a sentence (objects asked for, nested options) to i18next, with the same answers', () => {
    const t = translator('sv');
    const words = t('bot:errors', { returnObjects: true }) as unknown as Record<string, string>;
    expect(words.generic).toBe(t('bot:errors.generic'));
    expect(t('bot:helpdesk.guiding', { tenant: 'Contoso', extra: { nested: true } })).toBe(t('bot:helpdesk.guiding', { tenant: 'Contoso' }));
  });
});
