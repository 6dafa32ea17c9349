import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { LOCALES } from './flows/script';
import { startTestBot, visibleText, type TestBot } from './support/bot-harness';

// Cards are remembered per tenant snapshot (cards/remembered.ts). Once the tenant changes, the same
// question, with the same subscription ids, must show the new figures, not the remembered card.

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('cards after the tenant changes', () => {
  it.each(LANGUAGES)('the pick and the eligibility answer show the new licence figures (%s)', async (lng) => {
    const t = translator(lng);
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[lng] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    const ask = async () => {
      const pick = visibleText(await chat.send({ verb: 'menu.open', flow: 'change-plan' }));
      await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
      const answer = visibleText(await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' }));
      await chat.send(t('bot:commands.cancel').split('|')[0]!);
      return { pick, answer };
    };
    const holders = async () => (await gateway.readSnapshot()).users.filter((u) => u.licenses.some((l) => l.subscriptionId === 'sub-standard'));
    const customised = (count: number) => t('rules:CUSTOM_SERVICE_ASSIGNMENTS_RESET.explanation', { count });
    const gateway = bot.parts.directory.find('contoso')!.gateway;

    const before = await holders();
    const customisedBefore = before.filter((u) => u.licenses.some((l) => l.subscriptionId === 'sub-standard' && l.disabledServices.length > 0));
    const first = await ask();
    expect(first.answer).toContain(customised(customisedBefore.length));
    expect(await ask()).toEqual(first);

    // Someone moves one of the customised users to the Exchange subscription meanwhile.
    await gateway.replaceLicences([{ userId: customisedBefore[0]!.id, removeSubscriptionId: 'sub-standard', addSubscriptionId: 'sub-exchange' }]);
    const after = await ask();
    expect(after.pick).not.toEqual(first.pick);
    expect(after.pick).toContain(`${before.length - 1}`);
    expect(after.answer).toContain(customised(customisedBefore.length - 1));
    expect(after.answer).not.toContain(customised(customisedBefore.length));
  });
});
