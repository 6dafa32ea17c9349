import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { cardOf, startTestBot, submitData, visibleText, type TestBot } from '../support/bot-harness';
import { cardSchemaErrors } from '../support/card-schema';
import { englishLeaks } from '../support/english-leak';

const LOCALE: Record<Language, string> = { en: 'en-US', sv: 'sv-SE', nb: 'nb-NO', pl: 'pl-PL' };
const firstWord = (list: string) => list.split('|')[0]!;

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

type Row = [say: string | Record<string, unknown> | ((previous: Reply[]) => Record<string, unknown>), expect: string[]];
type Reply = Parameters<typeof visibleText>[0][number];

/** Plays a script of [what the person sends, what the bot's answer must contain]; returns everything the bot said. */
async function play(lng: Language, rows: Row[], conversation = bot!.conversation({ locale: LOCALE[lng] })) {
  let previous: Reply[] = [];
  const all: Reply[] = [];
  for (const [say, expected] of rows) {
    const input = typeof say === 'function' ? say(previous) : say;
    previous = await conversation.send(input);
    all.push(...previous);
    const text = visibleText(previous);
    for (const words of expected) expect(text, `after ${JSON.stringify(input)}`).toContain(words);
    for (const reply of previous) {
      const card = cardOf(reply);
      if (card) expect(cardSchemaErrors(card)).toEqual([]);
    }
  }
  return { conversation, all };
}

describe.each(LANGUAGES)('change plan, in %s', (lng) => {
  const t = translator(lng);

  it('typed in words, checked, confirmed once, run, and reported done', async () => {
    bot = await startTestBot();
    const { conversation, all } = await play(lng, [
      ['hello', [t('bot:identity.title')]],
      [{ verb: 'identity.pick', identity: 'contoso|u-anna' }, [t('bot:identity.picked', { name: 'Anna Lind', tenant: 'Contoso Ltd' }), t('bot:menu.title')]],
      [firstWord(t('bot:keywords.change-plan')), [t('changePlan:pickSubscription.title')]],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, [t('changePlan:pickPlan.title')]],
      [{ verb: 'plan.pick', planId: 'm365-business-premium' }, [t('changePlan:result.verdict.ready'), t('changePlan:confirm.title'), t('rules:OFFICE_REACTIVATION.title')]],
      [(previous) => submitData(previous, 'switch.confirm')!, [t('bot:switch.confirmed')]],
    ]);
    await bot.parts.switching.idle();
    const proactive = bot.drain(conversation.id);
    expect(visibleText(proactive)).toContain(t('bot:switch.done.automatic', { to: 'Microsoft 365 Business Premium', count: 8 }));
    expect(englishLeaks(visibleText([...all, ...proactive]), lng)).toEqual([]);
  });

  it('shows every blocker with its fix and no confirmation when the change is blocked', async () => {
    bot = await startTestBot();
    const { all } = await play(lng, [
      ['hi', [t('bot:identity.title')]],
      [{ verb: 'identity.pick', identity: 'fabrikam|u-lena' }, [t('bot:menu.title')]],
      [{ verb: 'menu.open', flow: 'change-plan' }, [t('changePlan:pickSubscription.title')]],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, [t('changePlan:pickPlan.title')]],
      [{ verb: 'plan.pick', planId: 'm365-business-premium' }, [
        t('changePlan:result.verdict.notYet', { count: 6 }),
        t('rules:MORE_USERS_THAN_LICENSES.title'),
        t('rules:ADD_ON_BLOCKS.title'),
        t('rules:UNPAID_INVOICE_BALANCE.title'),
        t('changePlan:actions.checkAgain'),
      ]],
    ]);
    expect(submitData(all, 'switch.confirm')).toBeUndefined();
    expect(englishLeaks(visibleText(all), lng)).toEqual([]);
  });

  it('a plan with fewer services goes manual and offers the backup', async () => {
    bot = await startTestBot();
    const { all } = await play(lng, [
      ['hi', []],
      [{ verb: 'identity.pick', identity: 'contoso|u-anna' }, []],
      [{ verb: 'menu.open', flow: 'change-plan' }, []],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, []],
      [{ verb: 'plan.pick', planId: 'm365-apps-business' }, [t('changePlan:result.verdict.manual'), t('rules:BACKUP_REQUIRED.title'), t('changePlan:actions.manual'), t('changePlan:actions.backup')]],
    ]);
    expect(submitData(all, 'switch.confirm')).toBeUndefined();
  });

  it('help, a change of language, cancel and start over work in the middle of the flow', async () => {
    bot = await startTestBot();
    const other: Language = lng === 'sv' ? 'pl' : 'sv';
    const tOther = translator(other);
    await play(lng, [
      ['hi', []],
      [{ verb: 'identity.pick', identity: 'contoso|u-anna' }, []],
      [{ verb: 'menu.open', flow: 'change-plan' }, [t('changePlan:pickSubscription.title')]],
      [firstWord(t('bot:commands.help')), [t('bot:help'), t('changePlan:pickSubscription.title')]],
      [firstWord(t(`bot:languageNames.${other}`)), [tOther('bot:language.changed'), tOther('changePlan:pickSubscription.title')]],
      [firstWord(tOther('bot:commands.cancel')), [tOther('bot:cancelled'), tOther('bot:menu.title')]],
      [{ verb: 'menu.open', flow: 'change-plan' }, [tOther('changePlan:pickSubscription.title')]],
      [firstWord(t('bot:commands.startOver')), [tOther('bot:menu.title')]],
    ]);
  });

  it('a pick of a subscription that is not this tenant\'s changes nothing and says so', async () => {
    bot = await startTestBot();
    await play(lng, [
      ['hi', []],
      [{ verb: 'identity.pick', identity: 'contoso|u-anna' }, []],
      [{ verb: 'menu.open', flow: 'change-plan' }, []],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-of-fabrikam' }, [t('bot:errors.badSubmission')]],
      // A plan card pressed empty after the flow has ended: a card of an earlier step, not a forgery.
      [{ verb: 'plan.pick' }, [t('bot:errors.staleCard')]],
    ]);
    expect(await bot.parts.switching.listJobs('contoso')).toEqual([]);
  });
});
