import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from 'botbuilder';
import { renderCard } from '../cards/render';
import { ShownCards } from '../dialogs/shared/shown-cards';
import { cardReply } from '../dialogs/shared/replies';
import { translator } from '../i18n/translator';
import { cardOf, startTestBot, type TestBot } from './support/bot-harness';

// A waiting card prompt keeps the card's digest in the conversation, not the card: the card is kept
// once beside the conversations and shown again from there, by this bot or by one started later.

const dirs: string[] = [];
const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) {
    await bot.parts.switching.idle();
    bot.parts.stores.close();
  }
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

async function botOn(dir: string): Promise<TestBot> {
  const bot = await startTestBot({}, dir);
  bots.push(bot);
  return bot;
}

async function stop(bot: TestBot): Promise<void> {
  bots.splice(bots.indexOf(bot), 1);
  await bot.parts.switching.idle();
  bot.parts.stores.close();
}

const conversationOf = (bot: TestBot, locale = 'sv-SE') => bot.conversation({ conversationId: 'conv-kept', userId: 'user-kept', locale });

describe('cards a prompt shows again', () => {
  it('are not stored in the conversation: a waiting subscription pick stays under 1.5 KB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shown-cards-'));
    dirs.push(dir);
    const bot = await botOn(dir);
    const talk = conversationOf(bot);
    await talk.send({ verb: 'identity.pick', identity: 'contoso|u-lars' });
    const shown = await talk.send({ verb: 'menu.open', flow: 'change-plan' });
    const card = shown.map(cardOf).find(Boolean);
    expect(card).toBeDefined();
    const stored = (await bot.parts.stores.storage.read(['test/conversations/conv-kept/']))['test/conversations/conv-kept/'];
    const json = JSON.stringify(stored);
    expect(json.length).toBeLessThan(1_500);
    expect(json).not.toContain('AdaptiveCard');
  });

  it('are shown again, word for word, after the bot restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shown-cards-'));
    dirs.push(dir);
    const first = await botOn(dir);
    await conversationOf(first).send({ verb: 'identity.pick', identity: 'contoso|u-lars' });
    const shown = (await conversationOf(first).send({ verb: 'menu.open', flow: 'change-plan' })).map(cardOf).find(Boolean);
    await stop(first);

    const second = await botOn(dir);
    const again = await conversationOf(second).send('hjälp');
    expect(again[0]?.text).toBe(translator('sv')('bot:help'));
    expect(again.map(cardOf).find(Boolean)).toEqual(shown);
  });

  it('that storage has lost are not made up: the person is told how to start over, in their language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shown-cards-'));
    dirs.push(dir);
    const first = await botOn(dir);
    await conversationOf(first, 'pl-PL').send({ verb: 'identity.pick', identity: 'contoso|u-lars' });
    await conversationOf(first, 'pl-PL').send({ verb: 'menu.open', flow: 'change-plan' });
    await stop(first);

    const second = await botOn(dir);
    const storage = second.parts.stores.storage;
    const conversation = JSON.stringify((await storage.read(['test/conversations/conv-kept/']))['test/conversations/conv-kept/']);
    const digest = /"shown":"([^"]+)"/.exec(conversation)?.[1];
    expect(digest).toBeDefined();
    await storage.delete([`shown-cards/${digest}`]);
    const replies = await conversationOf(second, 'pl-PL').send('pomoc');
    expect(replies.map((r) => r.text)).toContain(translator('pl')('bot:errors.cardGone'));
    expect(replies.map(cardOf).filter(Boolean)).toEqual([]);
  });

  it('keep one card shown with different words around it apart, each shown again as it was', async () => {
    const cards = new ShownCards(new MemoryStorage());
    const card = renderCard('message-actions', { title: 'Klart', text: 'Bytet är klart.', actions: [] });
    const first = await cards.keep({ ...cardReply(card, 'Välj abonnemang'), inputHint: 'expectingInput' });
    const second = await cards.keep({ ...cardReply(card, 'Velg abonnement'), inputHint: 'expectingInput' });
    expect(second).not.toBe(first);
    expect(await cards.keep({ ...cardReply(card, 'Välj abonnemang'), inputHint: 'expectingInput' })).toBe(first);
    expect((await cards.find(first))?.summary).toBe('Välj abonnemang');
    expect((await cards.find(second))?.summary).toBe('Velg abonnement');
    expect(JSON.stringify(await cards.find(second))).toContain('Bytet är klart.');
  });
});
