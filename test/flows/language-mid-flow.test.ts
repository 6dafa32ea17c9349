import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { startTestBot, submitData, visibleText, type TestBot } from '../support/bot-harness';
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

describe.each(PAIRS)('from %s to %s on the cards a flow ends on', (from, to) => {
  const before = translator(from);
  const after = translator(to);
  const STANDARD = 'Microsoft 365 Business Standard';
  const PREMIUM = 'Microsoft 365 Business Premium';

  it("the change of plan's confirmation comes again in the new language with the same confirmation: one press starts one switch, the old card's press starts none", async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'change-plan' });
    await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const shown = await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' });
    expect(visibleText(shown)).toContain(before('changePlan:confirm.title'));
    const oldPress = submitData(shown, 'switch.confirm')!;

    const changed = await chat.send(languageWord[to]);
    const text = visibleText(changed);
    expect(text).toContain(after('bot:language.changed'));
    expect(text).toContain(after('changePlan:result.title', { from: STANDARD, to: PREMIUM }));
    expect(text).toContain(after('changePlan:confirm.title'));
    expect(text).toContain(after('changePlan:confirm.intro', { from: STANDARD, to: PREMIUM, count: 8 }));
    expect(text).not.toContain(after('bot:menu.title'));
    expect(englishLeaks(text, to)).toEqual([]);
    const newPress = submitData(changed, 'switch.confirm')!;
    // The same confirmation, not a second one that could start a second switch.
    expect(newPress).toEqual(oldPress);
    expect(submitData(changed, 'switch.decline')).toEqual(submitData(shown, 'switch.decline'));

    expect(visibleText(await chat.send(newPress))).toContain(after('bot:switch.confirmed'));
    await bot.parts.switching.idle();
    expect(visibleText(await chat.send(oldPress))).toContain(after('bot:switch.alreadyHandled'));
    await bot.parts.switching.idle();
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(1);
  });

  it('pressing the old card first after the change starts the one switch; the redrawn card then starts none', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'change-plan' });
    await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const oldPress = submitData(await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' }), 'switch.confirm')!;
    const newPress = submitData(await chat.send({ verb: 'language.pick', language: to }), 'switch.confirm')!;

    expect(visibleText(await chat.send(oldPress))).toContain(after('bot:switch.confirmed'));
    expect(visibleText(await chat.send(newPress))).toContain(after('bot:switch.alreadyHandled'));
    await bot.parts.switching.idle();
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(1);
  });

  it("a move's confirmation comes again in the new language, naming the same users, with the same confirmation", async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'move-users' });
    await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const shown = await chat.send({ verb: 'users.pick', userIds: 'u-lars,u-maja', page: 0 });
    expect(visibleText(shown)).toContain(before('moveUsers:confirm.title'));
    const oldPress = submitData(shown, 'switch.confirm')!;

    const changed = await chat.send({ verb: 'language.pick', language: to });
    const text = visibleText(changed);
    expect(text).toContain(after('bot:language.changed'));
    expect(text).toContain(after('moveUsers:confirm.title'));
    expect(text).toContain('Lars Eriksson');
    expect(text).toContain('Maja Holm');
    expect(text).not.toContain('Oliver Bennett');
    expect(text).not.toContain(after('bot:menu.title'));
    expect(englishLeaks(text, to)).toEqual([]);
    const newPress = submitData(changed, 'switch.confirm')!;
    expect(newPress).toEqual(oldPress);

    expect(visibleText(await chat.send(newPress))).toContain(after('bot:switch.confirmed'));
    expect(visibleText(await chat.send(oldPress))).toContain(after('bot:switch.alreadyHandled'));
    await bot.parts.switching.idle();
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(1);
  });

  it("the manual checklist comes again in the new language and its 'Check again' still works", async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'manual' });
    await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const shown = await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' });
    expect(visibleText(shown)).toContain(before('manual:checklist.step2.waiting'));

    const changed = visibleText(await chat.send(languageWord[to]));
    expect(changed).toContain(after('bot:language.changed'));
    expect(changed).toContain(after('manual:checklist.step1.buy', { plan: PREMIUM, domain: 'contoso.com', count: 8 }));
    expect(changed).toContain(after('manual:checklist.step2.waiting'));
    expect(changed).not.toContain(after('bot:menu.title'));
    expect(englishLeaks(changed, to)).toEqual([]);

    const rechecked = visibleText(await chat.send({ verb: 'flow.next', next: 'recheck' }));
    expect(rechecked).toContain(after('manual:checklist.rechecked'));
    expect(rechecked).toContain(after('manual:checklist.step2.waiting'));
  });

  it('a confirmation already pressed is not shown again: the change of language brings the menu', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'change-plan' });
    await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const press = submitData(await chat.send({ verb: 'plan.pick', planId: 'm365-business-premium' }), 'switch.confirm')!;
    expect(visibleText(await chat.send(press))).toContain(before('bot:switch.confirmed'));
    await bot.parts.switching.idle();
    bot.drain(chat.id);

    const changed = await chat.send(languageWord[to]);
    expect(visibleText(changed)).toContain(after('bot:menu.title'));
    expect(submitData(changed, 'switch.confirm')).toBeUndefined();
  });

  it('the billing card comes again in the new language, for the subscription and plan picked', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'nordlys|u-sigrid' });
    await chat.send({ verb: 'menu.open', flow: 'billing' });
    await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-premium' });
    const shown = await chat.send({ verb: 'plan.pick', planId: 'm365-business-standard' });
    expect(visibleText(shown)).toContain(before('billing:card.title', { from: PREMIUM, to: STANDARD }));

    const changed = visibleText(await chat.send({ verb: 'language.pick', language: to }));
    expect(changed).toContain(after('billing:card.title', { from: PREMIUM, to: STANDARD }));
    expect(changed).toContain(after('billing:card.way', { way: after('rules:paths.automatic.title') }));
    expect(changed).not.toContain(after('bot:menu.title'));
    expect(englishLeaks(changed, to)).toEqual([]);
  });

  it('the backup card comes again in the new language', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'backup' });
    await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    const shown = await chat.send({ verb: 'plan.pick', planId: 'm365-apps-business' });
    expect(visibleText(shown)).toContain(before('backup:card.verdict.lost', { count: 3 }));

    const changed = visibleText(await chat.send(languageWord[to]));
    expect(changed).toContain(after('backup:card.title'));
    expect(changed).toContain(after('backup:card.verdict.lost', { count: 3 }));
    expect(changed).not.toContain(after('bot:menu.title'));
    expect(englishLeaks(changed, to)).toEqual([]);
  });

  it('once the conversation has gone on to the menu, a change of language shows the menu, not the card the flow ended on', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[from] });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await chat.send({ verb: 'menu.open', flow: 'backup' });
    await chat.send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    await chat.send({ verb: 'plan.pick', planId: 'm365-apps-business' });
    await chat.send({ verb: 'menu.open', flow: 'status' });

    const changed = visibleText(await chat.send(languageWord[to]));
    expect(changed).toContain(after('bot:menu.title'));
    expect(changed).not.toContain(after('backup:card.verdict.lost', { count: 3 }));
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
