import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { launchChromium, newVisitor, type TestBrowser } from '../support/chromium';
import { CONTOSO, CONTOSO_STANDARD, ITEM_PREMIUM, partnerCustomers, PARTNER_CENTER_SCOPE, PARTNER_TEST_CA_PATH, startPartnerCenterServer, type PartnerCenterTestServer } from '../support/partner-center-server';
import { LocalTokenService } from '../support/token-service';
import { openWebChat, press, say, transcript, waitForText } from '../support/web-chat';

// The CSP helpdesk in the web chat, in a real browser: `npm start`'s process with PARTNER_OAUTH_CONNECTION,
// its OAuth card answered through a local Bot Framework token service (OAuthUrl), and the local Partner
// Center behind it. The agent signs in, finds the customer, reads why a transition is refused, confirms
// one, and reads the proactive "done"; all in Polish.

const ROOT = join(import.meta.dirname, '..', '..');
const SCREENSHOTS = join(ROOT, 'out', 'screenshots');

let chromium: TestBrowser;
let partner: PartnerCenterTestServer;
let tokens: LocalTokenService;
let bot: BotProcess;
let dataDir: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  chromium = await launchChromium();
  partner = await startPartnerCenterServer({ customers: partnerCustomers(8) });
  // The agent's sign-in (with MFA) at the identity provider gives the token service a Partner Center token.
  tokens = await new LocalTokenService(() => partner.entra.issueDirect(PARTNER_CENTER_SCOPE)).start();
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-partner-browser-'));
  bot = await startBotProcess({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...partner.env(),
    PARTNER_OAUTH_CONNECTION: 'PartnerCenter',
    PARTNER_CENTER_CA_FILE: PARTNER_TEST_CA_PATH,
    PLAN_SWITCH_PARTNER_POLL_SECONDS: '0',
    OAuthUrl: tokens.url,
  });
}, 60_000);

afterEach(async (context) => {
  // A failure shows what the bot process said.
  if (context.task.result?.state === 'fail') process.stderr.write(`bot output:\n${bot?.output().slice(-12000)}\n`);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await chromium?.close();
  await bot?.stop();
  await tokens?.close();
  await partner?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the CSP helpdesk in the web chat', () => {
  it('signs in through the OAuth card, finds the customer, confirms a transition, and reads that it is done', async () => {
    const context = await newVisitor(chromium.browser, 'pl-PL');
    contexts.push(context);
    const { page } = await openWebChat(context, `http://127.0.0.1:${bot.port}/`);
    await say(page, 'partner');
    await waitForText(page, 'Zaloguj się do Centrum partnerskiego');
    const [popup] = await Promise.all([context.waitForEvent('page'), transcript(page).getByRole('button', { name: 'Zaloguj się do Centrum partnerskiego' }).last().click()]);
    const code = await popup.locator('#code').innerText();
    await popup.close();
    await say(page, code);
    await waitForText(page, 'Wybierz klienta');
    await transcript(page).getByRole('textbox').last().fill('contoso');
    await press(page, 'Szukaj');
    // The search answers with a new picker that lists Contoso alone.
    await expect.poll(() => transcript(page).getByRole('radio').count(), { timeout: 30_000 }).toBe(11);
    await transcript(page).getByRole('radio').last().check();
    await press(page, 'Dalej');
    await waitForText(page, 'Contoso Ltd: wybierz subskrypcję');
    await transcript(page).getByRole('radio').nth(-2).check();
    await press(page, 'Pokaż przejścia');
    await waitForText(page, 'Klient ma inne subskrypcje z usługami, które kolidują z tym przejściem.');
    await page.screenshot({ path: join(SCREENSHOTS, 'partner-eligibility-pl.png'), fullPage: true });
    await press(page, 'Microsoft 365 Business Premium: Przejście z przeniesieniem licencji');
    await waitForText(page, 'Potwierdź przejście');
    await press(page, 'Wykonaj przejście teraz');
    await waitForText(page, 'Gotowe: subskrypcja klienta Contoso Ltd została zmieniona na Microsoft 365 Business Premium.', 60_000);
    expect(partner.state.subscription(CONTOSO, CONTOSO_STANDARD)!.offerId).toBe(ITEM_PREMIUM);
    expect(partner.log.filter((l) => l.method === 'POST')).toHaveLength(1);
    expect(tokens.asked.some((a) => a.withCode)).toBe(true);
  }, 120_000);
});
