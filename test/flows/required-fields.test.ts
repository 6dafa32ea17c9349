import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { startTestBot, visibleText, type TestBot } from '../support/bot-harness';
import { choiceSet } from './admin-chat';
import { LOCALES } from './script';

// A client that does not check a card's required field (isRequired) sends the press with the field
// empty. That is not a forged card: the person hears the field's own message, in their language, and
// gets the same card again, with what they had filled in, and the flow goes on from there.

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe.each(LANGUAGES)('a card pressed with its required field empty, in %s', (lng) => {
  const t = translator(lng);

  it('the identity picker: its own message and the picker again, then a pick goes on', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[lng] });
    await chat.send('hi');
    const empty = await chat.send({ verb: 'identity.pick' });
    const text = visibleText(empty);
    expect(text).toContain(t('bot:identity.required'));
    expect(text).toContain(t('bot:identity.title'));
    expect(text).not.toContain(t('bot:errors.badSubmission'));
    expect(visibleText(await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' }))).toContain(t('bot:menu.title'));
  });

  it('the subscription and plan picks: the message, the same card again, and the flow keeps its place', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[lng] });
    await chat.send('hi');
    await chat.send({ verb: 'identity.pick', identity: 'fabrikam|u-lena' });
    const pick = await chat.send({ verb: 'menu.open', flow: 'change-plan' });
    expect(visibleText(pick)).toContain(t('changePlan:pickSubscription.title'));

    const noSubscription = await chat.send({ verb: 'subscription.pick', subscriptionId: '' });
    expect(visibleText(noSubscription)).toContain(t('bot:pick.required'));
    expect(visibleText(noSubscription)).toContain(t('changePlan:pickSubscription.title'));
    expect(visibleText(noSubscription)).not.toContain(t('bot:errors.badSubmission'));
    // The card shown again is the one the person had: the same choices.
    expect(choiceSet(noSubscription, 'subscriptionId')!.choices).toEqual(choiceSet(pick, 'subscriptionId')!.choices);

    const plans = await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    expect(visibleText(plans)).toContain(t('changePlan:pickPlan.title'));
    const noPlan = await chat.send({ verb: 'plan.pick' });
    expect(visibleText(noPlan)).toContain(t('bot:pick.required'));
    expect(visibleText(noPlan)).toContain(t('changePlan:pickPlan.title'));
    // …and the subscription picked before is still the one the flow goes on with.
    const result = await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' });
    expect(visibleText(result)).toContain(t('changePlan:result.title', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Business Premium' }));
  });
});
