import { afterEach, describe, expect, it } from 'vitest';
import { FLOWS } from '../../cards/submissions';
import { LANGUAGES } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { cardOf, startTestBot, type TestBot } from '../support/bot-harness';
import { actionCapProblems, actionLists } from '../support/card-actions';
import { cardSchemaErrors } from '../support/card-schema';
import { LOCALES } from './script';

// The administrator's menu has seven flows, more buttons than hosts draw. What leaves the bot: in
// Teams five buttons and two under its "…" menu (mode: secondary); in Web Chat (Direct Line) four
// buttons and "More", which opens the other three.

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

type Json = Record<string, unknown>;
const flowOf = (action: Json) => (action.data as { flow?: string } | undefined)?.flow;

describe.each(LANGUAGES)('the menu of seven flows, as it leaves the bot, in %s', (lng) => {
  const t = translator(lng);

  it('in Teams: five buttons, the other two secondary', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[lng], channelId: 'msteams', channelData: { tenant: { id: 'contoso' } }, aadObjectId: 'u-anna' });
    const menu = (await chat.send('menu')).map(cardOf).find(Boolean)!;
    expect(cardSchemaErrors(menu)).toEqual([]);
    expect(actionCapProblems(menu)).toEqual([]);
    const [list] = actionLists(menu);
    expect(list!.actions.map(flowOf)).toEqual([...FLOWS]);
    expect(list!.actions.filter((a) => a.mode === 'secondary').map(flowOf)).toEqual(['billing', 'status']);
  });

  it('in Web Chat: four buttons and More, which holds the other three', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[lng], channelId: 'directline' });
    await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    const menu = (await chat.send('menu')).map(cardOf).find(Boolean)!;
    expect(cardSchemaErrors(menu)).toEqual([]);
    expect(actionCapProblems(menu, { overflowMenu: false })).toEqual([]);
    const [outer, inner] = actionLists(menu);
    expect(outer!.actions).toHaveLength(5);
    expect(outer!.actions.at(-1)).toMatchObject({ type: 'Action.ShowCard', title: t('bot:cards.more') });
    expect([...outer!.actions.slice(0, 4).map(flowOf), ...inner!.actions.map(flowOf)]).toEqual([...FLOWS]);
  });
});
