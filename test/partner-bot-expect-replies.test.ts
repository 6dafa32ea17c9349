import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchange } from './support/bot-process';
import { partnerBotRig, type PartnerBotRig } from './support/partner-bot-rig';

// The CSP helpdesk's sign-in from a client that takes its replies in the HTTP response (deliveryMode
// expectReplies, as the bot's own bench and some channels do): the bot's fast path for such turns
// builds no user-token client up front, so the OAuth prompt must still find one when it asks for it.

let rig: PartnerBotRig;
beforeEach(async () => {
  rig = await partnerBotRig('expect-replies');
});
afterEach(async (context) => rig.close(context.task.result?.state === 'fail'));

describe('the CSP helpdesk over expectReplies', () => {
  it('shows the sign-in card in the answer, and after the code the customers to pick from, in Swedish', { timeout: 60_000 }, async () => {
    const bot = await rig.startBot();
    const say = (text: string) =>
      exchange(bot.port, { type: 'message', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c-er' }, from: { id: 'agent-er' }, recipient: { id: 'bot' }, locale: 'sv-SE', text });

    const prompt = await say('partner');
    expect(prompt.status).toBe(200);
    const card = prompt.activities.flatMap((a) => a.attachments ?? []).find((x) => x.contentType === 'application/vnd.microsoft.card.oauth');
    expect(card, JSON.stringify(prompt.activities)).toBeDefined();

    const page = await (await fetch(card.content.buttons[0].value)).text();
    const code = /<b id="code">(\d+)<\/b>/.exec(page)![1]!;
    const signedIn = await say(code);
    expect(signedIn.status).toBe(200);
    const shown = JSON.stringify(signedIn.activities);
    expect(shown).toContain('Contoso');
    expect(bot.output()).not.toMatch(/"level":"error"/);
  });
});
