import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { startTestBot, visibleText, type TestBot } from '../support/bot-harness';
import { choiceSet } from './admin-chat';
import { LOCALES } from './script';
import { englishLeaks } from '../support/english-leak';

// A change of language in the middle of a flow keeps the flow and what was picked: the card waiting
// for an answer comes again, in the new language, and the next answer carries on from there.

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** Each language with the one it changes to. */
const PAIRS = LANGUAGES.map((from, i): [Language, Language] => [from, LANGUAGES[(i + 1) % LANGUAGES.length]!]);
const languageWord: Record<Language, string> = { en: 'english', sv: 'svenska', nb: 'norsk', pl: 'polski' };

describe.each(PAIRS)('from %s to %s in the middle of a change of plan', (from, to) => {
  const before = translator(from);
  const after = translator(to);

  it('typed: the plan card again in the new language, for the subscription picked before', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'change-plan' });
    const plans = await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    expect(visibleText(plans)).toContain(before('changePlan:pickPlan.title'));

    const changed = await chat.send(languageWord[to]);
    const text = visibleText(changed);
    expect(text).toContain(after('bot:language.changed'));
    expect(text).toContain(after('changePlan:pickPlan.title'));
    expect(text).toContain(after('changePlan:pickPlan.intro', { plan: 'Microsoft 365 Business Standard' }));
    // Not back at the start: neither the menu nor the subscription question.
    expect(text).not.toContain(after('bot:menu.title'));
    expect(text).not.toContain(after('changePlan:pickSubscription.title'));
    expect(englishLeaks(text, to)).toEqual([]);
    expect(choiceSet(changed, 'planId')!.choices.map((c) => c.value)).toEqual(choiceSet(plans, 'planId')!.choices.map((c) => c.value));

    const result = visibleText(await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' }));
    expect(result).toContain(after('changePlan:result.title', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Business Premium' }));
    expect(result).toContain(after('changePlan:confirm.title'));
  });

  it("picked on a card (language.pick): the same, and a move's chosen source stays chosen", async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'move-users' });
    const users = await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    expect(visibleText(users)).toContain(before('moveUsers:pickUsers.title'));

    const changed = visibleText(await chat.send({ verb: 'language.pick', language: to }));
    expect(changed).toContain(after('bot:language.changed'));
    expect(changed).toContain(after('moveUsers:pickUsers.title'));
    expect(changed).not.toContain(after('moveUsers:pickSource.title'));
    expect(changed).not.toContain(after('bot:errors.staleCard'));
  });
});

describe.each(PAIRS)('from %s to %s between flows', (from, to) => {
  it('after a flow has ended, the language changes too, and the menu comes in it', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'status' });
    const after = translator(to);
    const changed = visibleText(await chat.send(languageWord[to]));
    expect(changed).toContain(after('bot:language.changed'));
    expect(changed).toContain(after('bot:menu.title'));
    expect(englishLeaks(changed, to)).toEqual([]);
  });
});
