import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { startTestBot, visibleText, type TestBot } from './support/bot-harness';

// A card that waits refuses what it did not ask for: once, in the person's language, and keeps waiting.

const LOCALE: Record<Language, string> = { en: 'en-US', sv: 'sv-SE', nb: 'nb-NO', pl: 'pl-PL' };

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
});

describe.each(LANGUAGES)('a waiting card in %s', (lng) => {
  const t = translator(lng);
  const refusals = [
    ['a press of a card from another step', { verb: 'subscription.pick', subscriptionId: 'sub-standard' }, 'bot:errors.staleCard'],
    // (A press with the plan left empty is no forgery: test/flows/required-fields.test.ts.)
    ['a forged press', { verb: 'plan.pick', planId: 42 }, 'bot:errors.badSubmission'],
    ['a value that is no submission', { verb: 'format.disk', planId: 'x' }, 'bot:errors.badSubmission'],
  ] as const;

  it.each(refusals)('says once that it refused %s, and still takes the real pick', async (_what, value, key) => {
    const chat = bot.conversation({ locale: LOCALE[lng] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-lars' });
    await chat.send({ verb: 'menu.open', flow: 'change-plan' });
    expect(visibleText(await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' }))).toContain(t('changePlan:pickPlan.title'));

    const refused = await chat.send(value);
    expect(refused.map((reply) => reply.text)).toEqual([t(key)]);

    const picked = visibleText(await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' }));
    expect(picked).toContain(t('changePlan:result.title', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Business Premium' }));
  });
});
