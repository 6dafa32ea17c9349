import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mcaCancelWindow } from '../../domain/billing';
import { findPlan } from '../../domain/catalogue';
import { todayUtc } from '../../domain/dates';
import type { Blocker, Notice } from '../../domain/findings';
import { describeFinding } from '../../i18n/describe';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { cardOf, startTestBot, type TestBot } from '../support/bot-harness';
import { expectNoEnglish, keyword, signIn, submits, type Person, type Replies } from './admin-chat';

// Changing plans manually, as an admin would do it in each language: the four steps of the article,
// each checked against the tenant as it is now, and checked again after the tenant changes.

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  await bot.close();
});

const ANNA: Person = { tenantId: 'contoso', userId: 'u-anna', via: 'picker' };
const plan = (id: string) => findPlan(id)!.name;
const STANDARD = plan('m365-business-standard');
const PREMIUM = plan('m365-business-premium');
const EXCHANGE = plan('exchange-online-plan-1');

type Status = 'done' | 'todo' | 'blocked' | 'optional';

/** Each step's status as the checklist card shows it, by the step's title. */
function statuses(replies: Replies, lng: Language): Status[] {
  const t = translator(lng);
  const card = replies.map(cardOf).find((c) => c && JSON.stringify(c).includes(t('rules:manualSteps.step1.title')))!;
  const badges = Object.fromEntries((['done', 'todo', 'blocked', 'optional'] as const).map((s) => [t(`manual:checklist.status.${s}`), s]));
  return [1, 2, 3, 4].map((n) => {
    const container = (card.body as { type: string; items?: { text?: string }[] }[]).find(
      (element) => element.type === 'Container' && element.items?.[1]?.text === t(`rules:manualSteps.step${n}.title`),
    )!;
    const badge = container.items![0]!.text!;
    return badges[badge.slice(badge.indexOf(' ') + 1)]!;
  });
}

const moveButton = (replies: Replies) => submits(replies, 'menu.open').some((data) => data.flow === 'move-users');

describe.each(LANGUAGES)('change plans manually, in %s', (lng) => {
  // Findings name contoso's subscriptions by their plans (each is the only one of its plan).
  const explain = (finding: Blocker | Notice) => describeFinding(finding, lng, { orgDomain: 'contoso.com', subscriptionName: (id) => ({ 'sub-standard': STANDARD, 'sub-exchange': EXCHANGE })[id] ?? id });

  it('opens from the menu button and from the words for it', async () => {
    const chat = await signIn(bot, lng, ANNA);
    const { t } = chat;
    await chat.play([
      [{ verb: 'menu.open', flow: 'manual' }, { says: [t('manual:pickSubscription.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('manual:pickPlan.title'), t('manual:pickPlan.intro', { plan: STANDARD })] }],
      [{ verb: 'flow.cancel' }, { says: [t('bot:cancelled')] }],
      [keyword(t, 'bot:keywords.manual'), { says: [t('manual:pickSubscription.title')] }],
    ]);
    expectNoEnglish(chat.transcript, lng);
  });

  it('with a subscription of the plan already bought: step 1 done, step 2 blocked by too few licences, with how many to buy', async () => {
    const chat = await signIn(bot, lng, ANNA);
    const { t } = chat;
    const shortage = explain({ code: 'NOT_ENOUGH_LICENSES', needed: 8, available: 2, toBuy: 6, subscriptionId: 'sub-exchange' });
    const checklist = await chat.play([
      [{ verb: 'menu.open', flow: 'manual' }, { says: [t('manual:pickSubscription.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('manual:pickPlan.title')] }],
      [
        { verb: 'plan.pick', planId: 'exchange-online-plan-1' },
        {
          says: [
            t('manual:checklist.title', { from: STANDARD, to: EXCHANGE }),
            t('manual:checklist.subtitle', { id: STANDARD, count: 8 }),
            t('manual:checklist.progress', { done: '1', total: '4' }),
            t('manual:checklist.step1.have', { subscription: EXCHANGE }),
            t('manual:checklist.step2.checked', { from: STANDARD, fromStatus: t('rules:statuses.active'), to: EXCHANGE, toStatus: t('rules:statuses.active') }),
            t('manual:checklist.step2.licences', { to: EXCHANGE, available: '2', needed: '8' }),
            shortage.title,
            shortage.explanation,
            shortage.resolution!,
            t('manual:checklist.step3.todo', { count: 8, from: STANDARD, to: EXCHANGE }),
            explain({ code: 'BACKUP_REQUIRED', services: ['sharepoint', 'onedrive'] }).title,
            t('manual:actions.recheck'),
            t('manual:actions.moveUsers'),
          ],
          // "24 hours to appear" and "no way back" are the older articles' words, for the older plans only.
          // The subscription is named by its plan, never by its id.
          never: [t('rules:manualSteps.mcaNote'), t('rules:manualSteps.appearNote'), explain({ code: 'CROSS_FAMILY_NO_RETURN', fromFamily: 'm365-business', toFamily: 'exchange' }).title, 'sub-exchange'],
        },
      ],
    ]);
    expect(statuses(checklist, lng)).toEqual(['done', 'blocked', 'todo', 'optional']);
    await chat.play([[{ verb: 'flow.cancel' }, { says: [t('manual:done')] }]]);
    expectNoEnglish(chat.transcript, lng);
  });

  it('without one: step 1 says what to buy; "Check again" sees the new subscription and offers to move the users', async () => {
    const chat = await signIn(bot, lng, ANNA);
    const { t } = chat;
    const checklist = await chat.play([
      [{ verb: 'menu.open', flow: 'manual' }, { says: [t('manual:pickSubscription.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('manual:pickPlan.title')] }],
      [
        { verb: 'plan.pick', planId: 'm365-business-premium' },
        {
          says: [
            t('manual:checklist.step1.buy', { plan: PREMIUM, domain: 'contoso.com', count: 8 }),
            t('manual:checklist.step2.waiting'),
            t('manual:checklist.step3.waiting'),
            t('manual:checklist.progress', { done: '0', total: '4' }),
          ],
          never: [t('rules:manualSteps.appearNote')],
        },
      ],
    ]);
    expect(statuses(checklist, lng)).toEqual(['todo', 'todo', 'todo', 'optional']);
    expect(moveButton(checklist)).toBe(false);

    // The admin buys the subscription in the admin centre meanwhile.
    const gateway = bot.parts.directory.find('contoso')!.gateway;
    await gateway.createSubscription({ idempotencyKey: 'bought-in-admin-centre', basedOnSubscriptionId: 'sub-standard', planId: 'm365-business-premium', startDate: todayUtc() });
    const rechecked = await chat.play([
      [
        { verb: 'flow.next', next: 'recheck' },
        {
          says: [
            t('manual:checklist.rechecked'),
            t('manual:checklist.step1.have', { subscription: PREMIUM }),
            t('manual:checklist.step2.licences', { to: PREMIUM, available: '10', needed: '8' }),
            t('manual:checklist.step3.todo', { count: 8, from: STANDARD, to: PREMIUM }),
            t('manual:checklist.progress', { done: '2', total: '4' }),
          ],
          never: [t('rules:manualSteps.appearNote')],
        },
      ],
    ]);
    expect(statuses(rechecked, lng)).toEqual(['done', 'done', 'todo', 'optional']);
    expect(moveButton(rechecked)).toBe(true);
    // Step 3 in the move-users flow, with both subscriptions already known.
    await chat.play([
      [
        { verb: 'menu.open', flow: 'move-users' },
        { says: [t('moveUsers:pickUsers.title'), t('moveUsers:pickUsers.intro', { from: STANDARD, to: PREMIUM })] },
      ],
      [{ verb: 'flow.cancel' }, { says: [t('bot:cancelled')] }],
    ]);
    expectNoEnglish(chat.transcript, lng);
  });

  it('for an MCA billing account notes the seven-day cancellation window on step 4', async () => {
    const chat = await signIn(bot, lng, { tenantId: 'nordlys', userId: 'u-sigrid', via: 'picker' });
    const { t } = chat;
    const snapshot = await bot.parts.directory.find('nordlys')!.gateway.readSnapshot();
    const window = mcaCancelWindow(snapshot.subscriptions.find((s) => s.id === 'sub-standard')!, todayUtc());
    const closed = describeFinding({ code: 'MCA_CANCEL_WINDOW_CLOSED', periodStart: window.periodStart, closedOn: window.lastDay }, lng).title;
    const checklist = await chat.play([
      [{ verb: 'menu.open', flow: 'manual' }, { says: [t('manual:pickSubscription.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('manual:pickPlan.title')] }],
      [{ verb: 'plan.pick', planId: 'm365-business-premium' }, window.open ? { says: [t('rules:manualSteps.mcaNote')], never: [closed] } : { says: [t('rules:manualSteps.mcaNote'), closed] }],
    ]);
    expect(statuses(checklist, lng)[3]).toBe('optional');
    // Step 1's example is the tenant's own email domain, not another company's.
    const words = JSON.stringify(checklist.map(cardOf));
    expect(words).toContain(t('rules:manualSteps.step1.text', { domain: 'nordlysenergi.no' }));
    expect(words).not.toContain('contoso');
    expectNoEnglish(chat.transcript, lng);
  });

  it('shows a helpdesk agent the checklist with the role each step needs, and no way to move users', async () => {
    const t = translator(lng);
    const chat = await signIn(bot, lng, { tenantId: 'contoso', userId: 'u-karin', via: 'teams' });
    const role = explain({ code: 'ADMIN_ROLE_REQUIRED', reason: 'role', allowedRoles: ['GlobalAdmin', 'LicenseAdmin', 'UserAdmin'] });
    const checklist = await chat.play([
      [{ verb: 'customer.pick', tenantId: 'contoso' }, { says: [t('bot:helpdesk.guiding', { tenant: 'Contoso Ltd' })] }],
      [{ verb: 'menu.open', flow: 'manual' }, { says: [t('manual:pickSubscription.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('manual:pickPlan.title')] }],
      [{ verb: 'plan.pick', planId: 'exchange-online-plan-1' }, { says: [role.title, role.resolution!], never: [t('manual:actions.moveUsers')] }],
    ]);
    expect(moveButton(checklist)).toBe(false);
    // A forged press of the button it did not show changes nothing.
    await chat.play([[{ verb: 'menu.open', flow: 'move-users' }, { says: [t('bot:errors.staleCard')], never: [t('moveUsers:pickUsers.title')] }]]);
    expectNoEnglish(chat.transcript, lng);
  });

  it('refuses forged choices in words, and changes nothing', async () => {
    const chat = await signIn(bot, lng, ANNA);
    const { t } = chat;
    const before = JSON.stringify(await bot.parts.directory.find('contoso')!.gateway.readSnapshot());
    await chat.play([
      [{ verb: 'menu.open', flow: 'manual' }, { says: [t('manual:pickSubscription.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-of-another-tenant' }, { says: [t('bot:errors.badSubmission')], never: [t('manual:pickPlan.title')] }],
      [{ verb: 'menu.open', flow: 'manual' }, { says: [t('manual:pickSubscription.title')] }],
      [{ verb: 'subscription.pick', subscriptionId: 'sub-standard' }, { says: [t('manual:pickPlan.title')] }],
      [{ verb: 'plan.pick', planId: 'x'.repeat(500) }, { says: [t('bot:errors.badSubmission')] }],
      [{ verb: 'plan.pick', planId: 'm365-business-premium' }, { says: [t('manual:checklist.step1.buy', { plan: PREMIUM, domain: 'contoso.com', count: 8 })] }],
      [{ verb: 'flow.next', next: 'backup' }, { says: [t('bot:errors.staleCard'), t('rules:manualSteps.step1.title')] }],
      [{ verb: 'menu.open', flow: 'move-users' }, { says: [t('bot:errors.staleCard')], never: [t('moveUsers:pickUsers.title')] }],
      [{ verb: 'flow.next', next: 'recheck', extra: { nested: true } }, { says: [t('manual:checklist.rechecked')] }],
    ]);
    expect(JSON.stringify(await bot.parts.directory.find('contoso')!.gateway.readSnapshot())).toBe(before);
    expectNoEnglish(chat.transcript, lng);
  });
});
