import type { Activity } from 'botbuilder';
import { expect } from 'vitest';
import type { TFunction } from 'i18next';
import type { Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { cardOf, visibleText, type TestBot, type TestConversation } from '../support/bot-harness';
import { actionCapProblems } from '../support/card-actions';
import { cardSchemaErrors } from '../support/card-schema';
import { englishLeaks } from '../support/english-leak';

// An administrator's conversation as a script for the move-users and manual flow tests: each row is
// what the person sends and what the bot answers, in the words of the conversation's language.

export const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', sv: 'sv-SE', nb: 'nb-NO', pl: 'pl-PL' };

export type Replies = Partial<Activity>[];
export type Send = string | Record<string, unknown> | ((previous: Replies) => Record<string, unknown>);

export interface Answer {
  /** Text the answer shows (message or card). */
  says?: readonly string[];
  /** Text the answer must not show. */
  never?: readonly string[];
  /** Whether the answer holds a confirmation card (a switch.confirm button). */
  confirmation?: boolean;
}

export type Row = readonly [send: Send, answer: Answer];

export interface Chat {
  t: TFunction;
  conversation: TestConversation;
  /** Every reply since signing in. */
  transcript: Replies;
  /** Plays the rows; returns the last row's replies. */
  play(rows: readonly Row[]): Promise<Replies>;
}

/** Every Action.Submit data with the verb in the replies' cards, in order. */
export function submits(replies: Replies, verb: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const data = (node as { data?: { verb?: string } }).data;
    if ((node as { type?: string }).type === 'Action.Submit' && data?.verb === verb) found.push(data as Record<string, unknown>);
    Object.values(node).forEach(walk);
  };
  replies.forEach((r) => walk(cardOf(r)));
  return found;
}

export interface ChoiceSet {
  value?: string;
  isMultiSelect?: boolean;
  choices: { title: string; value: string }[];
}

/** The Input.ChoiceSet with the id in the replies' cards. */
export function choiceSet(replies: Replies, id: string): ChoiceSet | undefined {
  let found: ChoiceSet | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as { type?: string; id?: string };
    if (element.type === 'Input.ChoiceSet' && element.id === id) found = node as ChoiceSet;
    else Object.values(node).forEach(walk);
  };
  replies.forEach((r) => walk(cardOf(r)));
  return found;
}

export function expectValidCards(replies: Replies, step = ''): void {
  for (const card of replies.map(cardOf)) {
    if (!card) continue;
    expect(cardSchemaErrors(card), step).toEqual([]);
    expect(JSON.stringify(card), step).not.toContain('${');
    // The test channel has no overflow menu: at most five buttons in any list, the rest in a "More" card.
    expect(actionCapProblems(card, { overflowMenu: false }), step).toEqual([]);
  }
}

export function expectNoEnglish(replies: Replies, lng: Language): void {
  expect(englishLeaks(visibleText(replies), lng)).toEqual([]);
}

export interface Person {
  tenantId: string;
  userId: string;
  /** The local-development picker offers one person per role; Teams signs in anyone of the tenant. */
  via: 'picker' | 'teams';
}

/** A conversation in the language's locale, signed in as the person. */
export async function signIn(bot: TestBot, lng: Language, person: Person): Promise<Chat> {
  const t = translator(lng);
  const conversation =
    person.via === 'teams'
      ? bot.conversation({ locale: LOCALES[lng], channelData: { tenant: { id: person.tenantId } }, aadObjectId: person.userId })
      : bot.conversation({ locale: LOCALES[lng] });
  if (person.via === 'picker') {
    const picked = await conversation.send({ verb: 'identity.pick', identity: `${person.tenantId}|${person.userId}` });
    expect(visibleText(picked)).toContain(t('bot:menu.title'));
  }
  const transcript: Replies = [];
  let previous: Replies = [];
  return {
    t,
    conversation,
    transcript,
    async play(rows) {
      for (const [send, answer] of rows) {
        const input = typeof send === 'function' ? send(previous) : send;
        const replies = await conversation.send(input);
        const text = visibleText(replies);
        const step = `after ${typeof input === 'string' ? input : JSON.stringify(input).slice(0, 160)}`;
        for (const words of answer.says ?? []) expect(text, step).toContain(words);
        for (const words of answer.never ?? []) expect(text, step).not.toContain(words);
        if (answer.confirmation !== undefined) expect(submits(replies, 'switch.confirm').length > 0, `a confirmation card ${step}`).toBe(answer.confirmation);
        expectValidCards(replies, step);
        transcript.push(...replies);
        previous = replies;
      }
      return previous;
    },
  };
}

/** The first of the `|`-separated words people may type for a flow. */
export const keyword = (t: TFunction, key: string) => String(t(key)).split('|')[0]!.trim();
