import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { startTestBot, visibleText, type TestBot } from '../support/bot-harness';

const LOCALE: Record<Language, string> = { en: 'en-US', sv: 'sv-SE', nb: 'nb-NO', pl: 'pl-PL' };
const first = (list: string) => list.split('|')[0]!;

/** Each flow that asks something, and the title of the first card it shows. */
const FLOWS_THAT_ASK = [
  ['change-plan', 'changePlan:pickSubscription.title'],
  ['manual', 'manual:pickSubscription.title'],
  ['move-users', 'moveUsers:pickSource.title'],
  ['backup', 'backup:pickSubscription.title'],
  ['billing', 'billing:pickSubscription.title'],
] as const;

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe.each(LANGUAGES)('interruptions in %s', (lng) => {
  const t = translator(lng);

  it.each(FLOWS_THAT_ASK)('in %s: help answers and shows the same card again; cancel ends it and changes nothing', async (flow, titleKey) => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALE[lng] });
    await chat.send('hi');
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    expect(visibleText(await chat.send({ verb: 'menu.open', flow }))).toContain(t(titleKey));
    const help = visibleText(await chat.send(first(t('bot:commands.help'))));
    expect(help).toContain(t('bot:help'));
    expect(help).toContain(t(titleKey));
    const cancelled = visibleText(await chat.send(first(t('bot:commands.cancel'))));
    expect(cancelled).toContain(t('bot:cancelled'));
    expect(cancelled).toContain(t('bot:menu.title'));
    expect(await bot.parts.switching.listJobs('contoso')).toEqual([]);
  });
});
