import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatList, formatMoney } from '../../i18n/format';
import { LANGUAGES } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { startTestBot, type TestBot } from '../support/bot-harness';
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
          t('diagnose:card.sameAsAbove', { id: 'sub-standard' }),
        ],
        [t('diagnose:card.clear.automatic'), t('diagnose:card.mca')],
      ],
    ]);
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
