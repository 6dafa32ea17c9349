import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from './support/bot-harness';
import { CONTOSO, CONTOSO_STANDARD, ITEM_PREMIUM, partnerCustomers, PARTNER_CENTER_SCOPE, PARTNER_TEST_CA_PATH, startPartnerCenterServer, type PartnerCenterTestServer } from './support/partner-center-server';

// The CSP helpdesk inside the whole bot as `npm start` wires it (PARTNER_OAUTH_CONNECTION set): "partner"
// opens it beside the rest of the bot, and a transition confirmed there is followed to its end.

const CONNECTION = 'PartnerCenter';
const MAGIC = '135790';

let server: PartnerCenterTestServer;
let bot: TestBot;
beforeAll(async () => {
  server = await startPartnerCenterServer({ customers: partnerCustomers(3) });
  bot = await startTestBot({ ...server.env(), PARTNER_OAUTH_CONNECTION: CONNECTION, PARTNER_CENTER_CA_FILE: PARTNER_TEST_CA_PATH, PLAN_SWITCH_PARTNER_POLL_SECONDS: '0' });
});
afterAll(async () => {
  await bot.close();
  await server.close();
});

const shown = (activities: { text?: string; attachments?: unknown[] }[]) => activities.map((a) => `${a.text ?? ''}${JSON.stringify(a.attachments ?? [])}`).join('\n');

describe('the bot with PARTNER_OAUTH_CONNECTION', () => {
  it('a helpdesk agent says "partner", signs in, and runs a transition to its end, in Swedish', async () => {
    const agent = bot.conversation({ locale: 'sv-SE', userId: 'agent-1' });
    bot.adapter.addUserToken(CONNECTION, 'test', 'agent-1', server.entra.issueDirect(PARTNER_CENTER_SCOPE), MAGIC);
    const prompt = await agent.send('partner');
    expect(prompt[0]!.attachments![0]!.contentType).toBe('application/vnd.microsoft.card.oauth');
    expect(shown(prompt)).toContain('Logga in i Partnercenter');
    expect(shown(await agent.send(MAGIC))).toContain('Välj en kund');
    await agent.send({ verb: 'partner.customer', customerId: CONTOSO });
    expect(shown(await agent.send({ verb: 'partner.subscription', subscriptionId: CONTOSO_STANDARD }))).toContain('Kunden har andra prenumerationer med tjänster som står i konflikt med den här övergången.');
    await agent.send({ verb: 'partner.target', catalogItemId: ITEM_PREMIUM, transitionType: 'transition_only' });
    expect(shown(await agent.send({ verb: 'partner.confirm', quantity: 12 }))).toContain('Skickad till Partnercenter.');
    await bot.parts.bot.helpdesk!.settled();
    expect(bot.drain(agent.id).at(-1)!.text).toBe('Klart: prenumerationen för Contoso Ltd har ändrats till Microsoft 365 Business Premium.');
    expect(server.state.subscription(CONTOSO, CONTOSO_STANDARD)!.offerId).toBe(ITEM_PREMIUM);
  });

  it('every other message still goes to the rest of the bot', async () => {
    const someone = bot.conversation({ locale: 'en-US' });
    const replies = await someone.send('hello');
    expect(replies.length).toBeGreaterThan(0);
    expect(shown(replies)).not.toContain('Partner Center');
  });
});
