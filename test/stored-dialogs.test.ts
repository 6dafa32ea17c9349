import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator';
import { cardOf, startTestBot, type TestBot } from './support/bot-harness';

// Conversations outlive a release: one stored mid-flow by a bot whose dialogs were nested differently
// (the menu a component holding the flows) must not fail when the next version reads it.

const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) {
    await bot.parts.switching.idle();
    bot.parts.stores.close();
    rmSync(bot.dataDir, { recursive: true, force: true });
  }
});

const KEY = 'test/conversations/conv-old/';

describe('a conversation stored by an earlier version', () => {
  it('starts again at the menu, in its language, instead of failing', async () => {
    const bot = await startTestBot();
    bots.push(bot);
    const talk = bot.conversation({ conversationId: 'conv-old', userId: 'user-old', locale: 'pl-PL' });
    await talk.send({ verb: 'identity.pick', identity: 'contoso|u-lars' });
    await talk.send({ verb: 'menu.open', flow: 'change-plan' });
    const stored = (await bot.parts.stores.storage.read([KEY]))[KEY] as Record<string, unknown>;
    // The earlier version's shape: one component on the root stack, the flow inside it.
    stored.dialogState = {
      dialogStack: [{ id: 'main', state: { dialogs: { dialogStack: [{ id: 'change-plan', state: { dialogs: { dialogStack: [{ id: 'change-plan.steps', state: { stepIndex: 0 } }] } } }] } } }],
    };
    await bot.parts.stores.storage.write({ [KEY]: { ...stored, eTag: '*' } });

    const replies = await talk.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const t = translator('pl');
    expect(replies.map((r) => r.text)).toContain(t('bot:errors.staleCard'));
    const menu = replies.map(cardOf).find(Boolean);
    expect(JSON.stringify(menu)).toContain(t('bot:menu.title'));
    expect(bot.logs.join('\n')).not.toContain('"level":"error"');

    // And the conversation goes on from there as usual.
    const next = await talk.send({ verb: 'menu.open', flow: 'change-plan' });
    expect(JSON.stringify(next.map(cardOf).find(Boolean))).toContain(t('changePlan:pickSubscription.title'));
  });
});
