import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchange, startBotProcess, type BotProcess } from './support/bot-process';
import { partnerCustomers, PARTNER_CENTER_SCOPE, PARTNER_TEST_CA_PATH, startPartnerCenterServer, type PartnerCenterTestServer } from './support/partner-center-server';
import { LocalTokenService } from './support/token-service';

// The CSP helpdesk's sign-in from a client that takes its replies in the HTTP response (deliveryMode
// expectReplies, as the bot's own bench and some channels do): the bot's fast path for such turns
// builds no user-token client up front, so the OAuth prompt must still find one when it asks for it.

const CONNECTION = 'PartnerCenter';
let partner: PartnerCenterTestServer;
let tokens: LocalTokenService;
let dataDir: string;
let bot: BotProcess | undefined;

beforeEach(async () => {
  partner = await startPartnerCenterServer({ customers: partnerCustomers(2) });
  tokens = await new LocalTokenService(() => partner.entra.issueDirect(PARTNER_CENTER_SCOPE)).start();
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-partner-expect-replies-'));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') process.stderr.write(`bot output:\n${bot?.output().slice(-8000)}\n`);
  await bot?.stop('SIGKILL');
  bot = undefined;
  await tokens.close();
  await partner.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the CSP helpdesk over expectReplies', () => {
  it('shows the sign-in card in the answer, and after the code the customers to pick from, in Swedish', { timeout: 60_000 }, async () => {
    bot = await startBotProcess({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...partner.env(),
      PARTNER_OAUTH_CONNECTION: CONNECTION,
      PARTNER_CENTER_CA_FILE: PARTNER_TEST_CA_PATH,
      OAuthUrl: tokens.url,
    });
    const say = (text: string) =>
      exchange(bot!.port, { type: 'message', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c-er' }, from: { id: 'agent-er' }, recipient: { id: 'bot' }, locale: 'sv-SE', text });

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
