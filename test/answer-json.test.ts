import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { answerJson } from '../bot/answer-json';
import { startTestBot, type TestBot } from './support/bot-harness';

// What /api/messages sends back for an expectReplies turn must be exactly the replies' JSON, whether
// their cards are shared frozen ones (whose JSON is made once) or not.

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
});

const SCRIPT = [
  { verb: 'identity.pick', identity: 'contoso|u-anna' },
  { verb: 'menu.open', flow: 'change-plan' },
  { verb: 'subscription.pick', subscriptionId: 'sub-standard' },
  { verb: 'plan.pick', planId: 'm365-business-premium' },
  { verb: 'menu.open', flow: 'diagnose' },
];

describe('the answer to an expectReplies turn', () => {
  it.each(['en-US', 'pl-PL'])('is the JSON of the replies, turn by turn, shown twice (%s)', async (locale) => {
    const frozenCards: unknown[] = [];
    for (let round = 0; round < 2; round++) {
      const chat = bot.conversation({ locale });
      for (const value of SCRIPT) {
        const replies = await chat.send(value);
        const body = { activities: replies };
        frozenCards.push(...replies.flatMap((r) => r.attachments ?? []).filter((a) => Object.isFrozen(a.content)));
        expect(answerJson(body)).toBe(JSON.stringify(body));
      }
    }
    expect(frozenCards.length).toBeGreaterThan(4);
  });

  it('is exact around text that mimics a placeholder, with quotes and characters JSON escapes', () => {
    const card = Object.freeze({ type: 'AdaptiveCard', body: Object.freeze([Object.freeze({ type: 'TextBlock', text: 'Żółć "quoted" \u2028 \\ card-0-0' })]) });
    const activities: Partial<Activity>[] = [
      { type: 'message', text: '"card-00000000000000000000000000000000-0"', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] },
      { type: 'message', attachments: [{ contentType: 'x', content: { open: true } }, { contentType: 'y', content: card }] },
      { type: 'typing' },
    ];
    for (const body of [{ activities }, { activities, extra: 1 }, { status: 200 }, { activities: 'no list' }]) {
      expect(answerJson(body)).toBe(JSON.stringify(body));
    }
  });
});
