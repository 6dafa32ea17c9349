import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticTenant } from '../../bench/synthetic-tenant';
import { diagnosisCard } from '../../cards/diagnosis-card';
import { diagnosisPage, subscriptionsPerPage } from '../../dialogs/diagnose/diagnosis-pages';
import { subscriptionsPerCard } from '../../dialogs/diagnose/diagnosis-page-size';
import { diagnosisView } from '../../dialogs/diagnose/diagnosis-view';
import { cardReply } from '../../dialogs/shared/replies';
import { DEMO_TENANT_FILES } from '../../domain/demo-tenants';
import { diagnoseTenant } from '../../domain/diagnosis';
import { formatList, formatMoney, formatNumber, formatDate } from '../../i18n/format';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { cardOf, startTestBot, visibleText, type TestBot } from '../support/bot-harness';
import { blockedTenant, LICENCE_ADMIN } from '../support/blocked-tenant';
import { expectNoEnglish, signIn, submits, type Chat, type Replies } from './admin-chat';
import { keywords, menuButtons, play } from './script';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
});

const open = { verb: 'menu.open', flow: 'diagnose' } as const;
const as = (identity: string) => ({ verb: 'identity.pick', identity });

/** Teams refuses a message over about 28 KB: every message of this flow stays under this many bytes of JSON. */
const MESSAGE_LIMIT = 25_000;
const bytesOf = (activity: Partial<Activity>) => Buffer.byteLength(JSON.stringify(activity));

/** "Showing 5–8 of 100 subscriptions" in the language. */
function shownLine(t: TFunction, lng: Language, first: number, last: number, count: number): string {
  const range = first === last ? formatNumber(first, lng) : `${formatNumber(first, lng)}–${formatNumber(last, lng)}`;
  return t('diagnose:card.page.shown', { range, count });
}

/** The subscription ids the replies' diagnosis cards show, in order. */
function shownSubscriptions(replies: Replies, t: TFunction): string[] {
  const label = t('diagnose:card.facts.subscription');
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const { type, facts } = node as { type?: string; facts?: { title: string; value: string }[] };
    if (type === 'FactSet') ids.push(...(facts ?? []).filter((f) => f.title === label).map((f) => f.value));
    else Object.values(node).forEach(walk);
  };
  replies.forEach((r) => walk(cardOf(r)));
  return ids;
}

describe.each(LANGUAGES)('"Why can\'t I change plans?" in %s', (lng) => {
  const t = translator(lng);
  const title = (code: string) => t(`rules:${code}.title`);
  const menu = t('bot:menu.title');
  const heading = t('diagnose:card.title');

  it('Fabrikam: every subscription, blocked ones first, each blocker with its explanation and fix', async () => {
    const [, diagnosis] = await play(bot, lng, [
      [as('fabrikam|u-lena'), [menu]],
      [
        open,
        [
          heading,
          t('diagnose:card.intro', { tenant: 'Fabrikam Sverige AB', count: 3 }),
          t('diagnose:card.overview.blocked', { count: 3 }),
          'sub-standard',
          'sub-standard-goteborg',
          'sub-basic',
          'Microsoft 365 Business Standard',
          'Microsoft 365 Business Basic',
          t('rules:paths.automatic.title'),
          t('diagnose:card.blocked', { count: 6 }),
          title('MORE_USERS_THAN_LICENSES'),
          title('SERVICE_NOT_READY'),
          title('CHANGE_OR_CREDIT_CHECK_PENDING'),
          title('MULTIPLE_PLANS_SAME_PRODUCT'),
          title('ADD_ON_BLOCKS'),
          title('UNPAID_INVOICE_BALANCE'),
          t('rules:UNPAID_INVOICE_BALANCE.explanation', { amount: formatMoney({ minor: 421_875, currency: 'SEK' }, lng) }),
          t('diagnose:card.fix', { resolution: t('rules:MULTIPLE_PLANS_SAME_PRODUCT.resolution') }),
          t('diagnose:card.fix', { resolution: t('rules:ADD_ON_BLOCKS.resolution', { count: 1 }) }),
          // Service health holds for all three: explained once, then pointed back to.
          // …by the subscription's plan, told apart from Fabrikam's other Business Standard by its start date.
          t('diagnose:card.sameAsAbove', { id: t('bot:subscription.since', { plan: 'Microsoft 365 Business Standard', date: formatDate('2024-04-01', lng) }) }),
          // Fabrikam's two Business Standard subscriptions, each headed by its plan and its start date.
          t('bot:subscription.since', { plan: 'Microsoft 365 Business Standard', date: formatDate('2025-09-15', lng) }),
        ],
        [t('diagnose:card.clear.automatic'), t('diagnose:card.mca')],
      ],
    ]);
    expect(menuButtons(diagnosis!)).toEqual(['change-plan', 'manual']);
    expect(submits(diagnosis!, 'diagnose.page')).toEqual([]);
    // The pending credit check (on Business Basic) reads the same under all three: explained once, then
    // pointed back to, under Business Basic too.
    const creditCheck = t('rules:CHANGE_OR_CREDIT_CHECK_PENDING.explanation.creditCheckPending');
    expect(JSON.stringify(diagnosis).split(creditCheck).length - 1).toBe(1);
  });

  it('Tailspin: its 4 subscriptions fit one card, with no page buttons and no "shown" line', async () => {
    const [, diagnosis] = await play(bot, lng, [
      [as('tailspin|u-olivia'), [menu]],
      [open, [heading, t('diagnose:card.intro', { tenant: 'Tailspin Toys Inc.', count: 4 })], [shownLine(t, lng, 1, 4, 4)]],
    ]);
    expect(shownSubscriptions(diagnosis!, t)).toHaveLength(4);
    expect(submits(diagnosis!, 'diagnose.page')).toEqual([]);
    expect(menuButtons(diagnosis!)).toEqual(['change-plan', 'manual']);
  });

  it('Contoso: a clear "nothing blocks an automatic change" for each subscription', async () => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [
        open,
        [heading, t('diagnose:card.overview.clear', { count: 2 }), 'sub-standard', 'sub-exchange', t('diagnose:card.clear.automatic')],
        [title('ADMIN_ROLE_REQUIRED'), t('diagnose:card.mca'), t('diagnose:card.blocked', { count: 1 })],
      ],
    ]);
  });

  it('Nordlys (MCA): says the MOSA blocker table does not apply', async () => {
    await play(bot, lng, [
      [as('nordlys|u-sigrid'), [menu]],
      [open, [heading, t('diagnose:card.mca'), t('diagnose:card.overview.clear', { count: 3 }), 'sub-basic-prepaid'], [title('MORE_USERS_THAN_LICENSES')]],
    ]);
  });

  it('Kowalski (older plans): the switch-plans wizard, with its own blockers', async () => {
    await play(bot, lng, [
      [as('kowalski|u-jan'), [menu]],
      [
        open,
        [
          t('rules:paths.legacy-wizard.title'),
          title('SMALL_BUSINESS_LEGACY_25'),
          title('TRIAL_MUST_BUY_FIRST'),
          t('diagnose:card.clear.legacy-wizard'),
          t('diagnose:card.overview.blocked', { count: 2 }),
        ],
      ],
    ]);
  });

  it.each([
    ['a Global administrator', 'contoso|u-anna', []],
    ['a Billing administrator', 'contoso|u-erik', []],
    ['a License administrator', 'contoso|u-ingrid', ['GlobalAdmin', 'BillingAdmin']],
    ['a plain user', 'contoso|u-lars', ['GlobalAdmin', 'BillingAdmin']],
  ])('%s sees the diagnosis, with a role blocker only when the role may not change plans', async (_, identity, needed) => {
    const roleBlocker = title('ADMIN_ROLE_REQUIRED');
    const neededRoles = t('rules:ADMIN_ROLE_REQUIRED.explanation.role', { count: needed.length, roles: formatList(needed.map((r) => t(`rules:roles.${r}`)), lng, 'disjunction') });
    const [, diagnosis] = await play(bot, lng, [
      [as(identity), [menu]],
      needed.length > 0
        ? [open, [heading, roleBlocker, neededRoles, t('diagnose:card.overview.blocked', { count: 2 })], [t('diagnose:card.clear.automatic')]]
        : [open, [heading, t('diagnose:card.clear.automatic'), t('diagnose:card.overview.clear', { count: 2 })], [roleBlocker]],
    ]);
    expect(menuButtons(diagnosis!)).toEqual(['change-plan', 'manual']);
  });

  it('a helpdesk agent picks the customer first, then sees its blockers as its admins do', async () => {
    await play(bot, lng, [
      [as('contoso|u-karin'), [t('bot:helpdesk.title')]],
      [{ verb: 'customer.pick', tenantId: 'fabrikam' }, [t('bot:helpdesk.guiding', { tenant: 'Fabrikam Sverige AB' }), menu]],
      [
        open,
        [heading, t('diagnose:card.helpdesk', { tenant: 'Fabrikam Sverige AB' }), title('MORE_USERS_THAN_LICENSES'), title('ADD_ON_BLOCKS'), title('UNPAID_INVOICE_BALANCE')],
        [title('ADMIN_ROLE_REQUIRED')],
      ],
    ]);
  });

  it.each(keywords(t, 'diagnose'))('typing "%s" opens it', async (word) => {
    await play(bot, lng, [
      [as('fabrikam|u-lena'), [menu]],
      [word, [heading, title('MORE_USERS_THAN_LICENSES')]],
    ]);
  });

  it('a forged menu press gets the error, and the menu still works', async () => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [{ verb: 'menu.open', flow: 'nope' }, [t('bot:errors.badSubmission')], [heading]],
      [open, [heading]],
    ]);
  });
});

describe('pages of subscriptions', () => {
  const PER_PAGE = 4;
  const diagnosis = (id: string, blocked: boolean) => ({
    subscriptionId: id,
    planId: 'm365-business-basic',
    way: 'automatic' as const,
    blockers: blocked ? [{ code: 'ADD_ON_BLOCKS' as const, addOns: ['x'] }] : [],
    targets: [],
  });
  const tenant = Array.from({ length: 2 * PER_PAGE + 1 }, (_, i) => diagnosis(`s${i}`, i % 2 === 1));
  const ids = (page: number) => diagnosisPage(tenant, page, PER_PAGE).diagnoses.map((d) => d.subscriptionId);

  it('show blocked subscriptions first, each once, in the tenant\'s order', () => {
    const blocked = tenant.filter((d) => d.blockers.length > 0).map((d) => d.subscriptionId);
    const clear = tenant.filter((d) => d.blockers.length === 0).map((d) => d.subscriptionId);
    expect([ids(0), ids(1), ids(2)].flat()).toEqual([...blocked, ...clear]);
    expect(diagnosisPage(tenant, 2, PER_PAGE)).toMatchObject({ page: 2, pages: 3, first: 2 * PER_PAGE + 1, last: 2 * PER_PAGE + 1, total: 2 * PER_PAGE + 1 });
  });

  it('read a page past the end as the last page', () => {
    expect(diagnosisPage(tenant, 3, PER_PAGE)).toMatchObject({ page: 2, first: 2 * PER_PAGE + 1 });
    expect(diagnosisPage(tenant, 10_000, PER_PAGE).diagnoses).toEqual(diagnosisPage(tenant, 2, PER_PAGE).diagnoses);
  });

  it('hold as many subscriptions as fit the card\'s budget, and at least one however long it is', () => {
    expect(subscriptionsPerPage(1_000, 5_000, 24_000)).toBe(4);
    expect(subscriptionsPerPage(1_000, 4_000, 24_000)).toBe(5);
    expect(subscriptionsPerPage(1_000, 23_000, 24_000)).toBe(1);
    expect(subscriptionsPerPage(1_000, 40_000, 24_000)).toBe(1);
  });
});

describe.each(LANGUAGES)('the longest diagnosis we can build, in %s', (lng) => {
  const t = translator(lng);
  const snapshot = blockedTenant(100);

  it.each([
    ['a License administrator', LICENCE_ADMIN],
    ['a helpdesk agent', undefined],
  ])(`seen by %s: every page is a message under ${MESSAGE_LIMIT} bytes, and together they show every subscription once`, (_, upn) => {
    const diagnoses = diagnoseTenant(snapshot, upn);
    const view = { t, lng, snapshot, guiding: upn === undefined };
    const perPage = subscriptionsPerCard(view, diagnoses);
    const { pages } = diagnosisPage(diagnoses, 0, perPage);
    const shown = Array.from({ length: pages }, (_, page) => diagnosisPage(diagnoses, page, perPage));
    const sizes = shown.map((page) => bytesOf(cardReply(diagnosisCard(diagnosisView(view, diagnoses, page)), t('diagnose:card.summary'))));
    expect(Math.max(...sizes)).toBeLessThan(MESSAGE_LIMIT);
    const ids = shown.flatMap((page) => page.diagnoses.map((d) => d.subscriptionId));
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
  });
});

describe('the "shown" line', () => {
  const pl = translator('pl');

  it.each([
    [1, 'subskrypcja'],
    [2, 'subskrypcje'],
    [4, 'subskrypcje'],
    [22, 'subskrypcje'],
    [5, 'subskrypcji'],
    [12, 'subskrypcji'],
    [25, 'subskrypcji'],
    [100, 'subskrypcji'],
  ])('in Polish, of %i subscriptions: "%s"', (count, word) => {
    expect(shownLine(pl, 'pl', 1, 1, count)).toContain(`${count} ${word})`);
  });

  it.each([
    [22, 'en', (last: number) => `Showing 1–${last} of 22 subscriptions`],
    [22, 'pl', (last: number) => `Na tej stronie: 1–${last} (łącznie 22 subskrypcje)`],
    [25, 'pl', (last: number) => `Na tej stronie: 1–${last} (łącznie 25 subskrypcji)`],
  ] as const)('on the first card of %i subscriptions in %s', (count, lng, line) => {
    const snapshot = syntheticTenant(200, count);
    const diagnoses = diagnoseTenant(snapshot, 'user0@tailspin.example');
    const view = { t: translator(lng), lng, snapshot, guiding: false };
    const perPage = subscriptionsPerCard(view, diagnoses);
    const card = diagnosisCard(diagnosisView(view, diagnoses, diagnosisPage(diagnoses, 0, perPage)));
    expect(visibleText([cardReply(card)])).toContain(line(perPage));
  });
});

describe('a tenant with 100 subscriptions', () => {
  const SUBSCRIPTIONS = 100;
  const snapshot = syntheticTenant(1_000, SUBSCRIPTIONS);
  const live = snapshot.subscriptions.filter((s) => s.status !== 'deleted').map((s) => s.id);
  const admin = { tenantId: 'tailspin', userId: 'u-0', via: 'picker' } as const;
  let big: TestBot;
  /** Subscriptions per card as the admin sees them, in the language. */
  const per = (lng: Language) => subscriptionsPerCard({ t: translator(lng), lng, snapshot, guiding: false }, diagnoseTenant(snapshot, 'user0@tailspin.example'));

  beforeAll(async () => {
    // The demo directory copies a demo tenant only where there is no copy yet: this one takes Tailspin's place.
    const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-diagnose-'));
    mkdirSync(join(dataDir, 'tenants'));
    writeFileSync(join(dataDir, 'tenants', basename(DEMO_TENANT_FILES.tailspin)), JSON.stringify(snapshot));
    big = await startTestBot({}, dataDir);
  });
  afterAll(async () => {
    await big.close();
  });

  function expectSmall(replies: Replies): void {
    for (const reply of replies) expect(bytesOf(reply)).toBeLessThan(MESSAGE_LIMIT);
  }

  /** Opens the diagnosis and presses "next" until there is none: the subscriptions of each page. */
  async function pageThrough(chat: Chat, lng: Language): Promise<{ pages: string[][]; last: Replies }> {
    const { t } = chat;
    const blocked = diagnoseTenant(snapshot, 'user0@tailspin.example').filter((d) => d.blockers.length > 0).length;
    let replies = await chat.play([[open, { says: [t('diagnose:card.title'), t('diagnose:card.overview.blocked', { count: blocked })] }]]);
    const pages: string[][] = [];
    for (;;) {
      expectSmall(replies);
      expectNoEnglish(replies, lng);
      const ids = shownSubscriptions(replies, t);
      const first = pages.flat().length + 1;
      expect(ids.length).toBeGreaterThan(0);
      expect(visibleText(replies)).toContain(shownLine(t, lng, first, first + ids.length - 1, SUBSCRIPTIONS));
      pages.push(ids);
      const next = submits(replies, 'diagnose.page').find((data) => data.page === pages.length);
      if (!next) return { pages, last: replies };
      replies = await chat.play([[next, {}]]);
    }
  }

  it.each(['en', 'pl'] as const)('in %s: every message is under 25,000 bytes, "next" shows every subscription once and "previous" goes back', async (lng) => {
    const chat = await signIn(big, lng, admin);
    const { pages, last } = await pageThrough(chat, lng);
    // Sections this short fill a card with many: far fewer pages than subscriptions (Polish, with
    // subscriptions named by plan and start date, fits 9).
    expect(per(lng)).toBeGreaterThanOrEqual(9);
    expect(pages).toHaveLength(Math.ceil(SUBSCRIPTIONS / per(lng)));
    expect(pages.every((page) => page.length <= per(lng))).toBe(true);
    expect(pages.flat()).toHaveLength(SUBSCRIPTIONS);
    expect([...pages.flat()].sort()).toEqual([...live].sort());
    const previous = submits(last, 'diagnose.page').find((data) => data.page === pages.length - 2);
    const back = await chat.play([[previous!, {}]]);
    expectSmall(back);
    expect(shownSubscriptions(back, chat.t)).toEqual(pages.at(-2));
    expect(submits(back, 'diagnose.page').map((data) => data.page)).toEqual([pages.length - 3, pages.length - 1]);
  });

  it('in Polish: a forged page gets the bad-submission message and changes nothing', async () => {
    const chat = await signIn(big, 'pl', admin);
    await chat.play([[open, {}]]);
    const second = await chat.play([[{ verb: 'diagnose.page', page: 1 }, { says: [shownLine(chat.t, 'pl', per('pl') + 1, 2 * per('pl'), SUBSCRIPTIONS)] }]]);
    for (const page of [-1, 10_001, 1e9, 1.5, 'x', '2', null, { page: 2 }, undefined]) {
      const replies = await chat.conversation.send({ verb: 'diagnose.page', page });
      expect(replies.map((r) => r.text), JSON.stringify(page)).toEqual([chat.t('bot:errors.badSubmission')]);
      expect(replies.map(cardOf).filter(Boolean)).toEqual([]);
    }
    const next = submits(second, 'diagnose.page').find((data) => data.page === 2);
    await chat.play([[next!, { says: [shownLine(chat.t, 'pl', 2 * per('pl') + 1, 3 * per('pl'), SUBSCRIPTIONS)] }]]);
  });

  it('a page past the end shows the last page', async () => {
    const chat = await signIn(big, 'en', admin);
    await chat.play([[open, {}]]);
    const last = Math.ceil(SUBSCRIPTIONS / per('en')) - 1;
    const replies = await chat.play([[{ verb: 'diagnose.page', page: 10_000 }, { says: [shownLine(chat.t, 'en', last * per('en') + 1, SUBSCRIPTIONS, SUBSCRIPTIONS)] }]]);
    expect(submits(replies, 'diagnose.page').map((data) => data.page)).toEqual([last - 1]);
  });

  it('while a page waits, its buttons open their flows and a press from another card is stale', async () => {
    const chat = await signIn(big, 'sv', admin);
    const { t } = chat;
    await chat.play([
      [open, {}],
      [{ verb: 'diagnose.page', page: 1 }, {}],
      [{ verb: 'menu.open', flow: 'status' }, { says: [t('bot:errors.staleCard'), shownLine(t, 'sv', per('sv') + 1, 2 * per('sv'), SUBSCRIPTIONS)] }],
      [{ verb: 'menu.open', flow: 'change-plan' }, { says: [t('changePlan:pickSubscription.title')], never: [t('diagnose:card.title')] }],
    ]);
  });

  it('while a page waits, help shows it again, a language change shows the same page in that language, start over and cancel end it', async () => {
    const chat = await signIn(big, 'pl', admin);
    const pl = chat.t;
    const sv = translator('sv');
    const word = (t: TFunction, key: string) => String(t(key)).split('|')[0]!;
    const page2 = (t: TFunction, lng: Language) => shownLine(t, lng, per(lng) + 1, 2 * per(lng), SUBSCRIPTIONS);
    await chat.play([
      [open, {}],
      [{ verb: 'diagnose.page', page: 1 }, { says: [page2(pl, 'pl')] }],
      [word(pl, 'bot:commands.help'), { says: [pl('bot:help'), page2(pl, 'pl')] }],
      [{ verb: 'diagnose.page', page: 2 }, { says: [shownLine(pl, 'pl', 2 * per('pl') + 1, 3 * per('pl'), SUBSCRIPTIONS)] }],
      ['svenska', { says: [sv('bot:language.changed'), sv('diagnose:card.title'), shownLine(sv, 'sv', 2 * per('sv') + 1, 3 * per('sv'), SUBSCRIPTIONS)] }],
      [{ verb: 'diagnose.page', page: 1 }, { says: [page2(sv, 'sv')] }],
      [word(sv, 'bot:commands.startOver'), { says: [sv('bot:menu.title')], never: [page2(sv, 'sv')] }],
      [open, { says: [shownLine(sv, 'sv', 1, per('sv'), SUBSCRIPTIONS)] }],
      [word(sv, 'bot:commands.cancel'), { says: [sv('bot:cancelled'), sv('bot:menu.title')] }],
      [{ verb: 'diagnose.page', page: 1 }, { says: [sv('bot:errors.staleCard')], never: [page2(sv, 'sv')] }],
    ]);
  });
});
