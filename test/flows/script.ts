import type { Activity } from 'botbuilder';
import { expect } from 'vitest';
import type { Language } from '../../i18n/languages';
import { cardOf, visibleText, type TestBot } from '../support/bot-harness';
import { actionCapProblems } from '../support/card-actions';
import { cardSchemaErrors } from '../support/card-schema';
import { englishLeaks } from '../support/english-leak';

// A conversation as a script: each row is what the person sends and what the bot's answer must
// (and must not) say. Every answer is also held to the house rules: each card valid Adaptive
// Card 1.5 with nothing left unbound, and no English in a Swedish, Norwegian or Polish answer.

export const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', sv: 'sv-SE', nb: 'nb-NO', pl: 'pl-PL' };

export type Sent = string | Record<string, unknown>;
export type Row = readonly [sends: Sent, says: readonly string[], never?: readonly string[]];

/** Plays the rows in one new conversation in the language's locale; returns each row's replies. */
export async function play(bot: TestBot, lng: Language, rows: readonly Row[]): Promise<Partial<Activity>[][]> {
  const chat = bot.conversation({ locale: LOCALES[lng] });
  const turns: Partial<Activity>[][] = [];
  for (const [sends, says, never = []] of rows) {
    const replies = await chat.send(sends);
    const text = visibleText(replies);
    const step = `after ${JSON.stringify(sends)}`;
    for (const words of says) expect(text, step).toContain(words);
    for (const words of never) expect(text, step).not.toContain(words);
    for (const card of replies.map(cardOf)) {
      if (!card) continue;
      expect(cardSchemaErrors(card), step).toEqual([]);
      expect(JSON.stringify(card), step).not.toContain('${');
      // The test channel has no overflow menu: at most five buttons in any list, the rest in a "More" card.
      expect(actionCapProblems(card, { overflowMenu: false }), step).toEqual([]);
    }
    expect(englishLeaks(text, lng), step).toEqual([]);
    turns.push(replies);
  }
  return turns;
}

/** The words people may type for a flow, from the language's own locale. */
export function keywords(t: (key: string) => string, flow: string): string[] {
  return String(t(`bot:keywords.${flow}`)).split('|').filter((word) => word.trim() !== '');
}

/** The flows that the replies' card buttons open (menu.open), in order. */
export function menuButtons(replies: readonly Partial<Activity>[]): string[] {
  const flows: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const { type, data } = node as { type?: string; data?: { verb?: string; flow?: string } };
    if (type === 'Action.Submit' && data?.verb === 'menu.open' && data.flow) flows.push(data.flow);
    Object.values(node).forEach(walk);
  };
  replies.forEach((r) => walk(cardOf(r)));
  return flows;
}
