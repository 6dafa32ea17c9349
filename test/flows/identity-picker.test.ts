import { afterEach, describe, expect, it } from 'vitest';
import { identityInputId, PERSONA_GROUPS } from '../../cards/identity-picker';
import { LANGUAGES } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { cardOf, startTestBot, visibleText, type TestBot } from '../support/bot-harness';
import { LOCALES } from './script';

// The demo identity picker (local development): the people grouped by role, one button per role
// opening that role's people in each organisation, and the card shown once: on joining, not again
// for the greeting that follows.

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

type Json = Record<string, any>;

describe.each(LANGUAGES)('the identity picker in %s', (lng) => {
  const t = translator(lng);

  it('groups the 25 people by role, one button per role', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[lng] });
    const card = (await chat.send('hi')).map(cardOf).find(Boolean)!;
    const groups = card.actions as Json[];
    expect(groups.map((g) => g.type)).toEqual(PERSONA_GROUPS.map(() => 'Action.ShowCard'));
    expect(groups.map((g) => g.title)).toEqual(PERSONA_GROUPS.map((g) => t(`bot:identity.groups.${g}`)));
    const people = groups.map((g) => (g.card.body as Json[]).find((e) => e.type === 'Input.ChoiceSet')!);
    expect(people.map((list) => list.id)).toEqual(PERSONA_GROUPS.map(identityInputId));
    expect(people.flatMap((list) => list.choices as Json[])).toHaveLength(25);
    // Each organisation's global admin is under "Global admins", its plain users under "Users".
    expect((people[0]!.choices as Json[]).map((c) => c.value)).toContain('contoso|u-anna');
    expect((people[3]!.choices as Json[]).map((c) => c.value)).toContain('contoso|u-lars');
    expect((people[0]!.choices as Json[]).map((c) => c.value)).not.toContain('contoso|u-lars');
  });

  it("a role's button sends that role's pick, and the conversation goes on as that person", async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[lng] });
    await chat.send('hi');
    const picked = visibleText(await chat.send({ verb: 'identity.pick', group: 'user', [identityInputId('global')]: '', [identityInputId('user')]: 'contoso|u-lars' }));
    expect(picked).toContain(t('bot:identity.picked', { name: 'Lars Eriksson', tenant: 'Contoso Ltd' }));
    expect(picked).toContain(t('bot:menu.title'));
  });

  it('is shown once: on joining, and the greeting after it points back to it', async () => {
    bot = await startTestBot();
    const chat = bot.conversation({ locale: LOCALES[lng], userId: 'visitor' });
    const joined = await chat.send('', { type: 'conversationUpdate', membersAdded: [{ id: 'visitor', name: 'Visitor' }], value: undefined });
    expect(visibleText(joined)).toContain(t('bot:welcome'));
    expect(joined.map(cardOf).filter(Boolean)).toHaveLength(1);
    const greeted = await chat.send('hi');
    expect(greeted.map(cardOf).filter(Boolean)).toHaveLength(0);
    expect(visibleText(greeted)).toContain(t('bot:identity.pickAbove'));
    // The card it points to still works.
    expect(visibleText(await chat.send({ verb: 'identity.pick', identity: 'contoso|u-anna' }))).toContain(t('bot:menu.title'));
  });
});
