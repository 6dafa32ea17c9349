import { describe, expect, it } from 'vitest';
import { moveDurationText } from '../dialogs/move-users/confirmation';
import { estimateMoveSeconds, GRAPH_WRITE_QUOTA } from '../graph';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';

// What the move-users confirmation says about the time a move through Microsoft Graph takes: the
// estimate from Graph's write quota (3,000 writes per 150 s), in each language's words.

describe('the estimated time of a move through Graph', () => {
  it('follows the quota: 10,000 users take 500 s, about 9 minutes', () => {
    expect(GRAPH_WRITE_QUOTA).toEqual({ limit: 3_000, windowMs: 150_000 });
    expect(estimateMoveSeconds(10_000)).toBe(500);
    expect(moveDurationText(translator('en'), estimateMoveSeconds(10_000))).toBe('About 9 minutes');
    expect(moveDurationText(translator('en'), estimateMoveSeconds(2))).toBe('Under a minute');
    expect(moveDurationText(translator('en'), estimateMoveSeconds(1_200))).toBe('About 1 minute');
  });

  it.each(LANGUAGES)('is said in %s, with its plural forms', (lng) => {
    const t = translator(lng);
    const texts = [1, 2, 5, 22].map((minutes) => moveDurationText(t, minutes * 60));
    for (const [i, text] of texts.entries()) {
      expect(text).not.toMatch(/\{\{|minutes_/);
      expect(text).toMatch(new RegExp(String([1, 2, 5, 22][i])));
    }
    if (lng !== 'en') expect(moveDurationText(t, 30)).not.toBe('Under a minute');
  });

  it('uses Polish plural forms', () => {
    const t = translator('pl');
    expect(moveDurationText(t, 60)).toBe('Około 1 minuty');
    expect(moveDurationText(t, 120)).toBe('Około 2 minut');
    expect(moveDurationText(t, 300)).toBe('Około 5 minut');
  });
});
