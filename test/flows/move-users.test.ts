import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPlan } from '../../domain/catalogue';
import type { Blocker } from '../../domain/findings';
import { describeFinding } from '../../i18n/describe';
import { formatList, formatNumber } from '../../i18n/format';
import { LANGUAGES } from '../../i18n/languages';
import { wordsFor } from '../../i18n/words';
import { startTestBot, visibleText, type TestBot } from '../support/bot-harness';
import { choiceSet, expectNoEnglish, expectValidCards, keyword, signIn, submits, type Replies, type Person } from './admin-chat';

// Moving some users to another subscription, as an admin would do it in each language: from the
// menu or in their own words, ticking users across pages and searches, confirming once, and the
// licences replaced in the tenant.

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  await bot.close();
});

// A subscription is named by its plan (these tenants have one subscription per plan); its id is not shown.
const name = (planId: string, _subscriptionId: string) => findPlan(planId)!.name;
const STANDARD = name('m365-business-standard', 'sub-standard');
const EXCHANGE = name('exchange-online-plan-1', 'sub-exchange');
const ANNA: Person = { tenantId: 'contoso', userId: 'u-anna', via: 'picker' };
const OLIVIA: Person = { tenantId: 'tailspin', userId: 'u-olivia', via: 'picker' };

const confirmOf = (replies: Replies) => submits(replies, 'switch.confirm')[0]!;

async function holders(tenantId: string, subscriptionId: string): Promise<string[]> {
  const snapshot = await bot.parts.directory.find(tenantId)!.gateway.readSnapshot();
  return snapshot.users.filter((u) => u.licenses.some((l) => l.subscriptionId === subscriptionId)).map((u) => u.id);
}

describe.each(LANGUAGES)('move users to another subscription, in %s', (lng) => {
  // Findings name contoso's subscriptions by their plans (each is the only one of its plan).
  const explain = (finding: Blocker) => describeFinding(finding, lng, { orgDomain: 'contoso.com', subscriptionName: (id) => ({ 'sub-standard': STANDARD, 'sub-exchange': EXCHANGE })[id] ?? id });
  const roleBlocker = explain({ code: 'ADMIN_ROLE_REQUIRED', reason: 'role', allowedRoles: ['GlobalAdmin', 'LicenseAdmin', 'UserAdmin'] });

  it('opens from the menu button and from the words for it', async () => {
    const chat = await signIn(bot, lng, ANNA);
    const { t } = chat;
    await chat.play([
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [t('moveUsers:pickSource.title'), STANDARD, EXCHANGE] }],
      // contoso has one other subscription, so the target needs no question.
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('moveUsers:pickUsers.title'), t('moveUsers:pickUsers.intro', { from: STANDARD, to: EXCHANGE }), 'Lars Eriksson · lars@contoso.com'] }],
      // Typed words search the list.
      ['holm', { says: ['Maja Holm · maja@contoso.com', t('moveUsers:pickUsers.matching', { page: '1', pages: '1', count: 1, search: 'holm' })], never: ['Lars Eriksson'] }],
      [{ verb: 'flow.cancel' }, { says: [t('bot:cancelled')] }],
      [keyword(t, 'bot:keywords.move-users'), { says: [t('moveUsers:pickSource.title')] }],
    ]);
    expectNoEnglish(chat.transcript, lng);
    // In Teams the first words can already say where to go.
    const teams = await signIn(bot, lng, { ...ANNA, via: 'teams' });
    await teams.play([[keyword(t, 'bot:keywords.move-users'), { says: [t('moveUsers:pickSource.title')] }]]);
    expectNoEnglish(teams.transcript, lng);
  });

  it('says so when there is no other subscription to move to, and points to the manual change', async () => {
    await bot.parts.directory.find('contoso')!.gateway.cancelSubscription('sub-exchange', '2026-11-01');
    const chat = await signIn(bot, lng, ANNA);
    const { t } = chat;
    const answer = await chat.play([
      // sub-standard is the only subscription left, so it needs no question either.
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [t('moveUsers:noTarget.title'), t('moveUsers:noTarget.text', { from: STANDARD }), t('moveUsers:noTarget.manual')], never: [t('moveUsers:pickUsers.title')] }],
    ]);
    expect(submits(answer, 'menu.open')).toEqual([{ verb: 'menu.open', flow: 'manual' }]);
    // The manual change needs no subscription question either: it asks for the plan.
    await chat.play([[submits(answer, 'menu.open')[0]!, { says: [t('manual:pickPlan.title'), t('manual:pickPlan.intro', { plan: findPlan('m365-business-standard')!.name })] }]]);
    expectNoEnglish(chat.transcript, lng);
  });

  it.each([
    { role: 'GlobalAdmin', who: ANNA, canMove: true },
    { role: 'LicenseAdmin', who: { tenantId: 'contoso', userId: 'u-ingrid', via: 'picker' } as Person, canMove: true },
    { role: 'UserAdmin', who: { tenantId: 'contoso', userId: 'u-jonas', via: 'teams' } as Person, canMove: true },
    { role: 'BillingAdmin', who: { tenantId: 'contoso', userId: 'u-erik', via: 'picker' } as Person, canMove: false },
  ])('a $role may move users: $canMove', async ({ who, canMove }) => {
    const chat = await signIn(bot, lng, who);
    const { t } = chat;
    await chat.play([
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [t('moveUsers:pickSource.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('moveUsers:pickUsers.title')] }],
      [
        { verb: 'users.pick', userIds: 'u-lars,u-maja', page: 0 },
        canMove
          ? { says: [t('moveUsers:result.verdict.ready'), t('moveUsers:confirm.title')], never: [roleBlocker.title], confirmation: true }
          : { says: [t('moveUsers:result.verdict.notYet', { count: 1 }), roleBlocker.title, roleBlocker.explanation, roleBlocker.resolution!], confirmation: false },
      ],
    ]);
    expectNoEnglish(chat.transcript, lng);
  });

  it('a plain user is not offered the move, is told who may move users, and gets no confirmation', async () => {
    const chat = await signIn(bot, lng, { tenantId: 'contoso', userId: 'u-maja', via: 'teams' });
    const { t } = chat;
    // The roles that may move users (Global, License or User administrator), not the billing roles.
    const refused = t('bot:errors.roleRequired', { count: 3, roles: wordsFor(lng).roles(['GlobalAdmin', 'LicenseAdmin', 'UserAdmin']) });
    const billing = wordsFor(lng).t('roles.BillingAdmin');
    expect(refused).toContain(wordsFor(lng).t('roles.LicenseAdmin'));
    await chat.play([
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [refused], never: [t('moveUsers:pickSource.title'), billing], confirmation: false }],
      [keyword(t, 'bot:keywords.move-users'), { says: [refused], never: [t('moveUsers:pickSource.title'), billing], confirmation: false }],
    ]);
    expect(await holders('contoso', 'sub-exchange')).toEqual(['u-sofia', 'u-viktor']);
  });

  it('moves two users on contoso to completion, once, however often confirm is pressed', async () => {
    const chat = await signIn(bot, lng, ANNA);
    const { t } = chat;
    const line = (who: string, upn: string) => t('moveUsers:confirm.userLine', { name: who, upn, from: findPlan('m365-business-standard')!.name, to: findPlan('exchange-online-plan-1')!.name });
    const plan = await chat.play([
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [t('moveUsers:pickSource.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('moveUsers:pickUsers.title')] }],
      [
        { verb: 'users.pick', userIds: 'u-lars,u-maja', page: 0 },
        {
          says: [
            t('moveUsers:result.title', { from: findPlan('m365-business-standard')!.name, to: findPlan('exchange-online-plan-1')!.name }),
            t('moveUsers:result.verdict.ready'),
            // Exchange Online (Plan 1) lacks SharePoint and OneDrive: back up first.
            describeFinding({ code: 'BACKUP_REQUIRED', services: ['sharepoint', 'onedrive'] }, lng, { orgDomain: 'contoso.com' }).title,
            t('moveUsers:confirm.title'),
            t('moveUsers:confirm.intro', { count: 2, from: STANDARD, to: EXCHANGE }),
            line('Lars Eriksson', 'lars@contoso.com'),
            line('Maja Holm', 'maja@contoso.com'),
          ],
          never: ['Oliver Bennett'],
          confirmation: true,
        },
      ],
    ]);
    const confirm = confirmOf(plan);
    await chat.play([
      [confirm, { says: [t('bot:switch.confirmed')] }],
      [confirm, { says: [t('bot:switch.alreadyHandled')] }],
    ]);
    await bot.parts.switching.idle();
    const proactive = bot.drain(chat.conversation.id);
    expectValidCards(proactive);
    expect(visibleText(proactive)).toContain(t('bot:switch.done.move', { count: 2 }));
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(1);
    expect((await holders('contoso', 'sub-exchange')).sort()).toEqual(['u-lars', 'u-maja', 'u-sofia', 'u-viktor']);
    expect(await holders('contoso', 'sub-standard')).not.toContain('u-lars');
    expect(await holders('contoso', 'sub-standard')).not.toContain('u-maja');
    expectNoEnglish([...chat.transcript, ...proactive], lng);
  });

  it('says how many licences to buy when the target has too few, and offers no confirmation', async () => {
    const chat = await signIn(bot, lng, ANNA);
    const { t } = chat;
    const shortage = explain({ code: 'NOT_ENOUGH_LICENSES', needed: 3, available: 2, toBuy: 1, subscriptionId: 'sub-exchange' });
    await chat.play([
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [t('moveUsers:pickSource.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('moveUsers:pickUsers.title')] }],
      [
        { verb: 'users.pick', userIds: 'u-lars,u-maja,u-oliver', page: 0 },
        { says: [t('moveUsers:result.verdict.notYet', { count: 1 }), shortage.title, shortage.explanation, shortage.resolution!, t('moveUsers:actions.again')], confirmation: false },
      ],
    ]);
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
    expectNoEnglish(chat.transcript, lng);
  });

  it('keeps users ticked on earlier pages and searches of a 5,000-user tenant', async () => {
    const chat = await signIn(bot, lng, OLIVIA);
    const { t } = chat;
    const E3 = name('o365-e3', 'sub-o365-e3');
    const E5 = name('m365-e5', 'sub-m365-e5');
    const targets = await chat.play([
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [t('moveUsers:pickSource.title'), E3, E5] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-o365-e3' }, { says: [t('moveUsers:pickTarget.title'), t('moveUsers:pickTarget.intro', { from: E3 })] }],
    ]);
    expect(choiceSet(targets, 'subscriptionId')!.choices.map((c) => c.value).sort()).toEqual(['sub-business-premium', 'sub-kiosk', 'sub-m365-e5']);
    const firstPage = await chat.play([
      [
        { verb: 'subscription.pick', subscriptionId: 'sub-m365-e5' },
        { says: [t('moveUsers:pickUsers.page', { page: formatNumber(1, lng), pages: formatNumber(122, lng), count: 3042 }), t('moveUsers:pickUsers.noneChosen')] },
      ],
    ]);
    const page1 = choiceSet(firstPage, 'userIds')!;
    expect(page1.isMultiSelect).toBe(true);
    expect(page1.choices).toHaveLength(25);
    const [a, b] = page1.choices;
    const secondPage = await chat.play([
      [
        { verb: 'users.page', page: 1, search: '', userIds: `${a!.value},${b!.value}` },
        { says: [t('moveUsers:pickUsers.page', { page: formatNumber(2, lng), pages: formatNumber(122, lng), count: 3042 }), a!.title.split(' · ')[0]!, b!.title.split(' · ')[0]!] },
      ],
    ]);
    const c = choiceSet(secondPage, 'userIds')!.choices[3]!;
    expect(page1.choices.map((x) => x.value)).not.toContain(c.value);
    const searched = await chat.play([
      [
        { verb: 'users.search', search: 'hannah', userIds: c.value },
        { says: [t('moveUsers:pickUsers.chosen', { count: 3, names: formatList([a!, b!, c].map((x) => x.title.split(' · ')[0]!), lng) })] },
      ],
    ]);
    const hannahs = choiceSet(searched, 'userIds')!;
    expect(hannahs.choices.length).toBeGreaterThan(0);
    for (const choice of hannahs.choices) expect(choice.title.toLowerCase()).toContain('hannah');
    const d = hannahs.choices.find((x) => ![a, b, c].some((y) => y!.value === x.value))!;
    // Back to the first page, without a search: the first two are still ticked.
    const back = await chat.play([[{ verb: 'users.page', page: 0, search: '', userIds: d.value }, { says: [t('moveUsers:pickUsers.page', { page: formatNumber(1, lng), pages: formatNumber(122, lng), count: 3042 })] }]]);
    expect(choiceSet(back, 'userIds')!.value!.split(',').sort()).toEqual([a!.value, b!.value].sort());
    const plan = await chat.play([
      [
        (previous) => ({ verb: 'users.pick', page: 0, userIds: choiceSet(previous, 'userIds')!.value! }),
        { says: [t('moveUsers:result.verdict.ready'), t('moveUsers:confirm.intro', { count: 4, from: E3, to: E5 })], confirmation: true },
      ],
    ]);
    for (const chosen of [a, b, c, d]) expect(visibleText(plan)).toContain(chosen!.title.split(' · ')[0]!);
    expectNoEnglish(chat.transcript, lng);
  });

  it('refuses forged or malformed choices in words, and changes nothing', async () => {
    const chat = await signIn(bot, lng, ANNA);
    const { t } = chat;
    await chat.play([
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [t('moveUsers:pickSource.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-does-not-exist' }, { says: [t('bot:errors.badSubmission')], never: [t('moveUsers:pickUsers.title')] }],
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [t('moveUsers:pickSource.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('moveUsers:pickUsers.title')] }],
      // Sofia holds no licence of sub-standard, so she is not on the card.
      [{ verb: 'users.pick', userIds: 'u-lars,u-sofia', page: 0 }, { says: [t('moveUsers:pickUsers.notOnList'), t('moveUsers:pickUsers.title')], confirmation: false }],
      [{ verb: 'users.pick', userIds: 'u-nobody', page: 0 }, { says: [t('moveUsers:pickUsers.notOnList')], confirmation: false }],
      [{ verb: 'users.pick', userIds: 'u-lars,'.repeat(4000), page: 0 }, { says: [t('bot:errors.badSubmission')], confirmation: false }],
      [{ verb: 'users.pick', userIds: 42, page: 0 }, { says: [t('bot:errors.badSubmission')], confirmation: false }],
      [{ verb: 'users.page', page: 0, userIds: ['u-lars'] }, { says: [t('bot:errors.badSubmission')], confirmation: false }],
      [{ verb: 'users.page', page: 'two' }, { says: [t('bot:errors.badSubmission')], confirmation: false }],
      [{ verb: 'users.pick', userIds: '', page: 0 }, { says: [t('moveUsers:pickUsers.noneTicked'), t('moveUsers:pickUsers.noneChosen')], confirmation: false }],
      // Nothing forged was kept: the real choice goes through with exactly the users ticked.
      [
        { verb: 'users.pick', userIds: 'u-lars', page: 0 },
        { says: [t('moveUsers:confirm.intro', { count: 1, from: STANDARD, to: EXCHANGE })], never: ['Sofia Andersson'], confirmation: true },
      ],
    ]);
    expect(await bot.parts.switching.listJobs('contoso')).toHaveLength(0);
    expect(await holders('contoso', 'sub-exchange')).toEqual(['u-sofia', 'u-viktor']);
    expectNoEnglish(chat.transcript, lng);
  });
});
