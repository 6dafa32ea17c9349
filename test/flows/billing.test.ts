import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatDate, formatMoney } from '../../i18n/format';
import { LANGUAGES } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { keywords, menuButtons, play } from './script';

// The figures are for one fixed day, so the MCA window of Nordlys' Business Premium (started
// 2026-11-17) is open and the one of its Business Standard (renewed 2026-09-01) has closed.
const TODAY = '2026-11-20';

let bot: TestBot;
beforeAll(async () => {
  vi.setSystemTime(new Date(`${TODAY}T12:00:00Z`));
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.close();
  vi.useRealTimers();
});

const open = { verb: 'menu.open', flow: 'billing' } as const;
const as = (identity: string) => ({ verb: 'identity.pick', identity });
const subscription = (subscriptionId: string) => ({ verb: 'subscription.pick', subscriptionId });
const plan = (planId: string) => ({ verb: 'plan.pick', planId });
const nok = (minor: number) => ({ minor, currency: 'NOK' });

describe.each(LANGUAGES)('"What switching means for service and billing" in %s', (lng) => {
  const t = translator(lng);
  const money = (m: { minor: number; currency: string }) => formatMoney(m, lng);
  const date = (iso: string) => formatDate(iso, lng);
  const menu = t('bot:menu.title');
  const whichSubscription = t('billing:pickSubscription.title');
  const whichPlan = t('billing:pickPlan.title');
  const effect = (key: string) => t(`rules:effects.${key}`);
  const automaticEffects = ['users', 'admins', 'noReassign', 'usersAndData', 'billing', 'credit', 'creditTiming'].map(effect);
  const wizardEffects = ['wizard.admins', 'wizard.duration', 'wizard.licenceReassignment', 'wizard.stillRunning', 'licencesAddOnly', 'wizard.billing'].map(effect);

  it('Nordlys (MCA) Business Premium: the seven-day window is still open, with its last day', async () => {
    const [, , , card] = await play(bot, lng, [
      [as('nordlys|u-sigrid'), [menu]],
      [open, [whichSubscription, 'sub-premium', 'sub-standard', 'sub-basic-prepaid']],
      [subscription('sub-premium'), [whichPlan, t('billing:pickPlan.intro', { plan: 'Microsoft 365 Business Premium' })]],
      [
        plan('m365-business-standard'),
        [
          t('billing:card.title', { from: 'Microsoft 365 Business Premium', to: 'Microsoft 365 Business Standard' }),
          t('billing:card.subtitle', { id: 'Microsoft 365 Business Premium', today: date(TODAY) }),
          t('billing:card.way', { way: t('rules:paths.automatic.title') }),
          ...automaticEffects,
          t('billing:card.facts.period.annual'),
          t('billing:card.facts.periodValue', { start: date('2026-11-17'), end: date('2027-11-17') }),
          t('billing:card.facts.creditValue', { amount: money(nok(4_320_197)), count: 30 }),
          t('billing:card.facts.cost.annual', { plan: 'Microsoft 365 Business Standard', count: 15 }),
          money(nok(2_452_500)),
          t('billing:card.facts.mcaOpen', { date: date('2026-11-24') }),
          t('billing:card.mcaOpen.text', { periodStart: date('2026-11-17'), lastDay: date('2026-11-24') }),
        ],
        [...wizardEffects, t('rules:MCA_CANCEL_WINDOW_CLOSED.title'), t('billing:card.facts.prepaidRemaining'), t('billing:card.facts.unpaid')],
      ],
    ]);
    expect(menuButtons(card!)).toEqual(['change-plan']);
  });

  it('Nordlys Business Standard: the window closed a week after its renewal', async () => {
    await play(bot, lng, [
      [as('nordlys|u-sigrid'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [
        plan('m365-business-premium'),
        [
          t('billing:card.facts.mcaClosed', { date: date('2026-09-08') }),
          t('rules:MCA_CANCEL_WINDOW_CLOSED.title'),
          t('rules:MCA_CANCEL_WINDOW_CLOSED.explanation', { periodStart: date('2026-09-01'), closedOn: date('2026-09-08') }),
        ],
        [t('billing:card.mcaOpen.title')],
      ],
    ]);
  });

  it('Nordlys prepaid Business Basic → Business Standard: how much prepaid value is lost', async () => {
    await play(bot, lng, [
      [as('nordlys|u-sigrid'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-basic-prepaid'), [whichPlan]],
      [
        plan('m365-business-standard'),
        [
          t('billing:card.facts.prepaidRemaining'),
          money(nok(1_782_000)),
          t('billing:card.facts.prepaidLost'),
          t('rules:PREPAID_VALUE_LOST.title'),
          t('rules:PREPAID_VALUE_LOST.explanation', { newCost: money(nok(1_635_000)), remaining: money(nok(1_782_000)), amount: money(nok(147_000)) }),
          t('rules:PREPAID_VALUE_LOST.resolution'),
        ],
        [t('billing:card.prepaidKept.title')],
      ],
    ]);
  });

  it('Nordlys prepaid Business Basic → Business Premium: no prepaid time is lost', async () => {
    await play(bot, lng, [
      [as('nordlys|u-sigrid'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-basic-prepaid'), [whichPlan]],
      [
        plan('m365-business-premium'),
        [t('billing:card.facts.noneLost'), t('billing:card.prepaidKept.text', { newCost: money(nok(2_877_600)), remaining: money(nok(1_782_000)) })],
        [t('rules:PREPAID_VALUE_LOST.title')],
      ],
    ]);
  });

  it('Kowalski K1 → E1 goes through the older wizard: its own effects on service and billing', async () => {
    await play(bot, lng, [
      [as('kowalski|u-jan'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-k1'), [whichPlan]],
      [
        plan('o365-e1'),
        [
          t('billing:card.way', { way: t('rules:paths.legacy-wizard.title') }),
          ...wizardEffects,
          t('billing:card.facts.period.monthly'),
          t('billing:card.facts.periodValue', { start: date('2026-11-01'), end: date('2026-12-01') }),
          t('billing:card.facts.creditValue', { amount: money({ minor: 6_952, currency: 'PLN' }), count: 30 }),
          t('billing:card.facts.cost.monthly', { plan: 'Office 365 E1', count: 12 }),
        ],
        [effect('admins'), effect('billing'), t('billing:card.facts.mcaWindow')],
      ],
    ]);
  });

  it('Fabrikam: the unpaid balance, and how to settle it', async () => {
    await play(bot, lng, [
      [as('fabrikam|u-lena'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [
        plan('m365-business-premium'),
        [t('billing:card.facts.unpaid'), money({ minor: 421_875, currency: 'SEK' }), t('rules:UNPAID_INVOICE_BALANCE.resolution')],
        [t('billing:card.facts.mcaWindow')],
      ],
    ]);
  });

  it('a change to fewer services is manual: no automatic effects, and a way to back up first', async () => {
    const [, , , card] = await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [
        plan('m365-apps-business'),
        [t('billing:card.way', { way: t('rules:paths.manual.title') }), t('billing:card.manual.users'), t('billing:card.manual.billing')],
        [effect('usersAndData'), effect('admins')],
      ],
    ]);
    expect(menuButtons(card!)).toEqual(['manual', 'backup']);
  });

  it.each([
    ['a Billing administrator', 'contoso|u-erik'],
    ['a License administrator', 'contoso|u-ingrid'],
    ['a plain user', 'contoso|u-lars'],
  ])('%s may read what switching means too', async (_, identity) => {
    await play(bot, lng, [
      [as(identity), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [plan('m365-business-premium'), [t('billing:card.facts.periodValue', { start: date('2026-11-15'), end: date('2026-12-15') }), ...automaticEffects]],
    ]);
  });

  it("a helpdesk agent picks the customer, then reads that customer's figures", async () => {
    await play(bot, lng, [
      [as('contoso|u-karin'), [t('bot:helpdesk.title')]],
      [{ verb: 'customer.pick', tenantId: 'fabrikam' }, [t('bot:helpdesk.guiding', { tenant: 'Fabrikam Sverige AB' })]],
      [open, [whichSubscription, 'sub-standard-goteborg']],
      [subscription('sub-standard'), [whichPlan]],
      [plan('m365-business-premium'), [money({ minor: 421_875, currency: 'SEK' })]],
    ]);
  });

  it.each(keywords(t, 'billing'))('typing "%s" opens it', async (word) => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [word, [whichSubscription]],
    ]);
  });

  it('a forged subscription gets the error and no figures', async () => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription]],
      [subscription('nope'), [t('bot:errors.badSubmission')], [whichPlan, t('billing:card.billing')]],
    ]);
  });

  it('a plan press without a plan asks for one and shows the plans again; a real pick still answers', async () => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [{ verb: 'plan.pick' }, [t('bot:pick.required'), whichPlan], [t('billing:card.billing'), t('bot:errors.badSubmission')]],
      [plan('m365-business-premium'), [t('billing:card.billing')]],
    ]);
  });
});
