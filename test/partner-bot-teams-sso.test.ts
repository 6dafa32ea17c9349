import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotProcess, ConnectorDouble } from './support/bot-process';
import { PARTNER_CENTER_SCOPE } from './support/partner-center-server';
import { partnerBotRig, PARTNER_CONNECTION as CONNECTION, type PartnerBotRig } from './support/partner-bot-rig';

// The CSP helpdesk's sign-in in Teams, as Teams does it: the OAuth card carries the connection's
// tokenExchangeResource, and Teams answers it with a signin/tokenExchange invoke carrying the agent's
// SSO token (from every Teams client the agent has open), which the bot swaps at the token service; when
// that cannot be done the bot answers 412 and Teams shows the card's sign-in button, which ends in a
// signin/verifyState invoke; when Teams' own SSO fails it sends signin/failure.
// https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/authentication/bot-sso-code
// https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/authentication/add-authentication

const SSO_URI = 'api://botid-plan-switch-test/access_as_user';
const GOOD_SSO = 'teams-sso-token-of-the-agent';

let rig: PartnerBotRig;
let connector: ConnectorDouble;
let bot: BotProcess;

beforeEach(async () => {
  rig = await partnerBotRig('sso', {
    sso: (partner) => ({ uri: SSO_URI, exchange: (sso) => (sso === GOOD_SSO ? partner.entra.issueDirect(PARTNER_CENTER_SCOPE) : undefined) }),
  });
  connector = rig.connector;
  bot = await rig.startBot();
}, 60_000);

afterEach(async (context) => rig.close(context.task.result?.state === 'fail'));

/** One Teams activity of `conversation`, posted as Teams posts it: replies go to the connector, an invoke's answer comes back in the response. */
async function teams(conversation: string, activity: Record<string, unknown>, locale = 'sv-SE'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      conversation: { id: conversation, conversationType: 'personal', tenantId: '11111111-2222-4333-8444-555555555555' },
      from: { id: `29:agent-${conversation}`, aadObjectId: '6f1a0000-0000-4000-8000-00000000a9e1' },
      recipient: { id: '28:bot' },
      channelData: { tenant: { id: '11111111-2222-4333-8444-555555555555' } },
      locale,
      ...activity,
    }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const sentTo = (conversation: string) => connector.received.filter((r) => r.conversationId === conversation).map((r) => r.activity as Record<string, any>);
const shown = (activities: Record<string, any>[]) => activities.map((a) => `${a.text ?? ''}${JSON.stringify(a.attachments ?? [])}`).join('\n');

async function oauthCardIn(conversation: string): Promise<{ tokenExchangeResource: { id: string; uri: string }; buttons: { value: string }[] }> {
  expect((await teams(conversation, { type: 'message', text: 'partner' })).status).toBe(200);
  const card = sentTo(conversation)
    .flatMap((a) => a.attachments ?? [])
    .find((x: { contentType: string }) => x.contentType === 'application/vnd.microsoft.card.oauth');
  expect(card, shown(sentTo(conversation))).toBeDefined();
  return card.content;
}

describe('the CSP helpdesk signs in with Teams single sign-on', () => {
  it('swaps the SSO token from every open Teams client, answers each, and shows the customers once, in Swedish', { timeout: 60_000 }, async () => {
    const card = await oauthCardIn('c-sso');
    expect(card.tokenExchangeResource.uri).toBe(SSO_URI);
    const invoke = { type: 'invoke', name: 'signin/tokenExchange', value: { id: card.tokenExchangeResource.id, connectionName: CONNECTION, token: GOOD_SSO } };
    // Teams desktop and Teams on the phone, at the same moment.
    const answers = await Promise.all([teams('c-sso', invoke), teams('c-sso', invoke)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const pickers = sentTo('c-sso').filter((a) => shown([a]).includes('Välj en kund'));
    expect(pickers, shown(sentTo('c-sso'))).toHaveLength(1);
    expect(shown(pickers)).toContain('Contoso');
    expect(bot.output()).not.toMatch(/"level":"error"/);
  });

  it('answers 412 when the SSO token cannot be swapped, so Teams shows the sign-in button, and that sign-in (signin/verifyState) still works', { timeout: 60_000 }, async () => {
    const card = await oauthCardIn('c-fallback');
    const refused = await teams('c-fallback', { type: 'invoke', name: 'signin/tokenExchange', value: { id: card.tokenExchangeResource.id, connectionName: CONNECTION, token: 'not-consented' } });
    expect(refused.status).toBe(412);
    expect(shown(sentTo('c-fallback'))).not.toContain('Välj en kund');
    // The sign-in button: the token service's page, then Teams sends the code it shows as verifyState.
    const page = await (await fetch(card.buttons[0]!.value)).text();
    const code = /<b id="code">(\d+)<\/b>/.exec(page)![1]!;
    const verified = await teams('c-fallback', { type: 'invoke', name: 'signin/verifyState', value: { state: code } });
    expect(verified.status).toBe(200);
    expect(shown(sentTo('c-fallback'))).toContain('Välj en kund');
  });

  it('tells the agent in their language when Teams reports that its single sign-on failed, and logs the code without personal data', { timeout: 60_000 }, async () => {
    await oauthCardIn('c-failure');
    const before = sentTo('c-failure').length;
    const failed = await teams('c-failure', { type: 'invoke', name: 'signin/failure', value: { code: 'resourcematchfailed', message: 'Resource match failed' } }, 'pl-PL');
    expect(failed.status).toBe(200);
    const told = sentTo('c-failure').slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toMatch(/logowanie jednokrotne/i);
    expect(bot.output()).toMatch(/"event":"partner.sso-failed".*"code":"resourcematchfailed"/);
    expect(bot.output()).not.toContain('6f1a0000-0000-4000-8000-00000000a9e1');
  });
});
