import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const open = { verb: 'menu.open', flow: 'backup' } as const;
const as = (identity: string) => ({ verb: 'identity.pick', identity });
const subscription = (subscriptionId: string) => ({ verb: 'subscription.pick', subscriptionId });
const plan = (planId: string) => ({ verb: 'plan.pick', planId });

describe.each(LANGUAGES)('"Back up before you switch" in %s', (lng) => {
  const t = translator(lng);
  const menu = t('bot:menu.title');
  const whichSubscription = t('backup:pickSubscription.title');
  const whichPlan = t('backup:pickPlan.title');
  const heading = t('backup:card.title');
  const service = (s: string) => t(`rules:services.${s}`);
  // The team site's address uses the tenant's .onmicrosoft.com domain (the sv article's example).
  const steps = (s: string, orgDomain = 'contoso.onmicrosoft.com') => t(`rules:backup.${s}`, { orgDomain });
  const noWayBack = t('rules:CROSS_FAMILY_NO_RETURN.title');

  it('Contoso Business Standard → Apps for business: Exchange, SharePoint and Yammer, nothing else', async () => {
    const [, , , card] = await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription, 'sub-standard', 'sub-exchange']],
      [subscription('sub-standard'), [whichPlan, t('backup:pickPlan.intro', { plan: 'Microsoft 365 Business Standard' })]],
      [
        plan('m365-apps-business'),
        [
          heading,
          t('backup:card.subtitle', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Apps for business', id: 'Microsoft 365 Business Standard' }),
          t('backup:card.verdict.lost', { count: 3 }),
          service('exchange'),
          steps('exchange'),
          service('sharepoint'),
          steps('sharepoint'),
          'https://contoso.onmicrosoft.com/_layouts/15/start.aspx#/SitePages/Home.aspx',
          service('yammer'),
          steps('yammer'),
        ],
        // Today's plans have no "no way back": that is the nb article's, for the older plans' service families.
        [steps('onedrive'), steps('lync'), t('backup:card.verdict.nothing'), noWayBack],
      ],
    ]);
    expect(menuButtons(card!)).toEqual(['manual', 'billing']);
  });

  it('to a plan with the same data-related services: nothing to back up, and no warning', async () => {
    const [, , , card] = await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [plan('m365-business-premium'), [heading, t('backup:card.verdict.nothing'), t('rules:NO_BACKUP_NEEDED.explanation')], [noWayBack, steps('exchange'), service('yammer')]],
    ]);
    expect(menuButtons(card!)).toEqual(['change-plan', 'billing']);
  });

  it('to an enterprise plan with nothing lost: nothing to back up, and no "no way back" between current plans', async () => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [plan('o365-e3'), [t('backup:card.verdict.nothing')], [noWayBack]],
    ]);
  });

  it('Kowalski Small Business → Business Premium: no Microsoft tool backs up Lync contacts', async () => {
    await play(bot, lng, [
      [as('kowalski|u-jan'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-small-business'), [whichPlan]],
      [plan('m365-business-premium'), [t('backup:card.verdict.lost', { count: 1 }), service('lync'), steps('lync'), noWayBack], [steps('exchange')]],
    ]);
  });

  it.each([
    ['a Billing administrator', 'contoso|u-erik'],
    ['a License administrator', 'contoso|u-ingrid'],
    ['a plain user', 'contoso|u-lars'],
  ])('%s may read the backup steps too', async (_, identity) => {
    await play(bot, lng, [
      [as(identity), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [plan('m365-apps-business'), [heading, steps('sharepoint')]],
    ]);
  });

  it("a helpdesk agent gets the customer's own steps, with the customer's domain", async () => {
    await play(bot, lng, [
      [as('contoso|u-karin'), [t('bot:helpdesk.title')]],
      [{ verb: 'customer.pick', tenantId: 'fabrikam' }, [t('bot:helpdesk.guiding', { tenant: 'Fabrikam Sverige AB' })]],
      [open, [whichSubscription, 'sub-standard-goteborg']],
      [subscription('sub-standard-goteborg'), [whichPlan]],
      [plan('m365-apps-business'), [steps('sharepoint', 'fabrikamsverige.onmicrosoft.com'), 'https://fabrikamsverige.onmicrosoft.com/_layouts/15/start.aspx#/SitePages/Home.aspx'], ['contoso.com']],
    ]);
  });

  it.each(keywords(t, 'backup'))('typing "%s" opens it', async (word) => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [word, [whichSubscription]],
    ]);
  });

  it('a forged subscription gets the error and ends the flow without a backup card', async () => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription]],
      [subscription('nope'), [t('bot:errors.badSubmission')], [whichPlan, heading]],
    ]);
  });

  it('a plan press without a plan asks for one and shows the plans again; a real pick still answers', async () => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [{ verb: 'plan.pick' }, [t('bot:pick.required'), whichPlan], [heading, t('bot:errors.badSubmission')]],
      [plan('m365-apps-business'), [heading, t('backup:card.verdict.lost', { count: 3 })]],
    ]);
  });

  it('a plan that does not exist gets the error and no backup card', async () => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription]],
      [subscription('sub-standard'), [whichPlan]],
      [plan('nope'), [t('bot:errors.badSubmission')], [heading]],
    ]);
  });

  it('cancel on the card stops and changes nothing', async () => {
    await play(bot, lng, [
      [as('contoso|u-anna'), [menu]],
      [open, [whichSubscription]],
      [{ verb: 'flow.cancel' }, [t('bot:cancelled')], [heading]],
    ]);
  });
});
