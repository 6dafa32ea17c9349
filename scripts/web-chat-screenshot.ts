// `npm run screenshot:web-chat`: the README's picture of the web chat (docs/web-chat.png), taken the
// way the browser tests work: npm start's process on fresh demo tenants, Debian's Chromium, an English
// visitor changing contoso's plan to the proactive "done" message.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translator } from '../i18n/translator';
import { startBotProcess } from '../test/support/bot-process';
import { launchChromium, newVisitor } from '../test/support/chromium';
import { openWebChat, press, tick, transcript, waitForText } from '../test/support/web-chat';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'web-chat.png');

const dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-screenshot-'));
const bot = await startBotProcess({ DATA_DIR: dataDir, SWITCH_SPEED: '36000', LOG_LEVEL: 'warn' });
const chromium = await launchChromium();
try {
  const t = translator('en');
  const { page } = await openWebChat(await newVisitor(chromium.browser, 'en-US'), `http://127.0.0.1:${bot.port}/`);
  await waitForText(page, t('bot:identity.title'));
  await press(page, t('bot:identity.groups.global'));
  await tick(page, 'radio', /Contoso Ltd · Anna Lind/);
  await press(page, t('bot:identity.submit'));
  await waitForText(page, t('bot:menu.title'));
  await press(page, t('bot:menu.flows.change-plan'));
  await waitForText(page, t('changePlan:pickSubscription.title'));
  await tick(page, 'radio', /Microsoft 365 Business Standard: /);
  await press(page, t('bot:pick.next'));
  await waitForText(page, t('changePlan:pickPlan.title'));
  await transcript(page).getByRole('combobox').last().selectOption('m365-business-premium');
  await press(page, t('bot:pick.next'));
  await waitForText(page, t('changePlan:confirm.happens'));
  await press(page, t('bot:confirm.confirm'));
  await waitForText(page, t('bot:switch.done.automatic', { to: 'Microsoft 365 Business Premium', count: 8 }), 60_000);
  // Let Web Chat finish scrolling to the newest message.
  await page.waitForFunction(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null } }).document;
    const list = doc.querySelector('.webchat__basic-transcript__scrollable');
    return !list || list.scrollHeight - list.scrollTop - list.clientHeight < 2;
  });
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: OUT });
  process.stdout.write(`${OUT}\n`);
} finally {
  await chromium.close();
  await bot.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
