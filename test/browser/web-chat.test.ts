import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../i18n/languages';
import { translator } from '../../i18n/translator';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { launchChromium, newVisitor, type TestBrowser } from '../support/chromium';
import { englishLeaks } from '../support/english-leak';
import { fetchFromPage, openWebChat, pageText, press, say, tick, transcript, transcriptText, waitForText } from '../support/web-chat';

// The self-service web chat in a real browser: Debian's Chromium, driven by playwright-core, on the
// page `npm start` serves, with Microsoft's Web Chat talking to the bot's own Direct Line.
// Screenshots go to out/screenshots/.

const ROOT = join(import.meta.dirname, '..', '..');
const SCREENSHOTS = join(ROOT, 'out', 'screenshots');

let chromium: TestBrowser;
let bot: BotProcess | undefined;
let dataDir: string | undefined;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
});

afterEach(async (context) => {
  // A failure shows what the bot process said (its warnings include Direct Line delivery failures).
  if (context.task.result?.state === 'fail' && bot) process.stderr.write(`bot output:\n${bot.output().slice(-6000)}\n`);
  for (const visitor of contexts.splice(0)) await visitor.close();
  await bot?.stop();
  bot = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

/** `npm start`'s process on fresh demo tenants, switching fast. */
async function startBot(switchSpeed = '36000'): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-browser-'));
  bot = await startBotProcess({ DATA_DIR: dataDir, SWITCH_SPEED: switchSpeed, LOG_LEVEL: 'warn' });
  return `http://127.0.0.1:${bot.port}/`;
}

async function visitor(locale: string): Promise<BrowserContext> {
  const context = await newVisitor(chromium.browser, locale);
  contexts.push(context);
  return context;
}

/** Everything a visitor reads is in their language, and every card was drawn as a card. */
async function expectReadableIn(page: Page, lng: Language): Promise<void> {
  const text = await pageText(page);
  expect(englishLeaks(text, lng), 'English sentences on the page').toEqual([]);
  expect(text).not.toContain('${');
  expect(text).not.toMatch(/"(type|body|actions)"\s*:/);
  expect(text).not.toContain('AdaptiveCard');
  expect(await transcript(page).locator('.ac-adaptiveCard').count()).toBeGreaterThan(0);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

const subscriptionsOf = (tenantFile: string) =>
  (JSON.parse(readFileSync(join(dataDir!, 'tenants', tenantFile), 'utf8')) as { subscriptions: { id: string; planId: string; status: string }[]; users: { id: string; licenses: { subscriptionId: string }[] }[] });

describe('the web chat page in Chromium', () => {
  it('in Svenska: a whole plan change on contoso, to the proactive done message', async () => {
    const url = await startBot();
    const en = translator('en');
    const sv = translator('sv');
    const { page } = await openWebChat(await visitor('en-US'), url);

    // An English browser gets the English page and welcome.
    await waitForText(page, en('bot:identity.title'));
    await expect.poll(() => page.title()).toBe(en('web:name'));
    expect(await page.locator('#language').inputValue()).toBe('en');

    // Choosing Svenska before saying anything starts the conversation again in Swedish.
    await page.locator('#language').selectOption('sv');
    await waitForText(page, sv('bot:welcome'));
    await waitForText(page, sv('bot:identity.title'));
    expect(await page.locator('#name').innerText()).toBe(sv('web:name'));
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await transcript(page).innerText()).not.toContain(en('bot:identity.title'));

    // The people are grouped by role: the role's button opens its list.
    await press(page, sv('bot:identity.groups.global'));
    await shot(page, 'sv-identity-picker');
    await tick(page, 'radio', /Contoso Ltd · Anna Lind/);
    await press(page, sv('bot:identity.submit'));
    await waitForText(page, sv('bot:identity.picked', { name: 'Anna Lind', tenant: 'Contoso Ltd' }));
    await waitForText(page, sv('bot:menu.title'));

    await press(page, sv('bot:menu.flows.change-plan'));
    await waitForText(page, sv('changePlan:pickSubscription.title'));
    await tick(page, 'radio', /Microsoft 365 Business Standard: /);
    await press(page, sv('bot:pick.next'));
    await waitForText(page, sv('changePlan:pickPlan.title'));
    await transcript(page).getByRole('combobox').last().selectOption('m365-business-premium');
    await press(page, sv('bot:pick.next'));
    await waitForText(page, sv('changePlan:confirm.intro', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Business Premium', count: 8 }));
    await shot(page, 'sv-confirm');

    await press(page, sv('bot:confirm.confirm'));
    await waitForText(page, sv('bot:switch.confirmed'));
    // The switch runs in the background; its outcome arrives as a proactive message.
    await waitForText(page, sv('bot:switch.done.automatic', { to: 'Microsoft 365 Business Premium', count: 8 }), 60_000);
    await shot(page, 'sv-done');
    await expectReadableIn(page, 'sv');

    const tenant = subscriptionsOf('contoso-small-business.json');
    expect(tenant.subscriptions.find((s) => s.id === 'sub-standard')!.status).toBe('deleted');
    expect(tenant.subscriptions.filter((s) => s.planId === 'm365-business-premium' && s.status === 'active')).toHaveLength(1);
  }, 180_000);

  it('follows the browser language (Norsk), then Polski mid-conversation: two users moved on contoso', async () => {
    const url = await startBot();
    const nb = translator('nb');
    const pl = translator('pl');
    const { page } = await openWebChat(await visitor('nb-NO'), url);

    await waitForText(page, nb('bot:welcome'));
    expect(await page.locator('#language').inputValue()).toBe('nb');
    expect(await page.locator('#name').innerText()).toBe(nb('web:name'));
    await press(page, nb('bot:identity.groups.global'));
    await tick(page, 'radio', /Contoso Ltd · Anna Lind/);
    await press(page, nb('bot:identity.submit'));
    await waitForText(page, nb('bot:menu.title'));

    // Mid-conversation the page tells the bot the new language and keeps the conversation.
    await page.locator('#language').selectOption('pl');
    await waitForText(page, pl('bot:language.changed'));
    await waitForText(page, pl('bot:menu.title'));
    expect(await page.locator('#tagline').innerText()).toBe(pl('web:tagline'));
    await expect.poll(() => page.getByRole('textbox').last().getAttribute('placeholder')).toBe(pl('web:inputPlaceholder'));

    await press(page, pl('bot:menu.flows.move-users'));
    await waitForText(page, pl('moveUsers:pickSource.title'));
    await tick(page, 'radio', /Microsoft 365 Business Standard: /);
    await press(page, pl('bot:pick.next'));
    await waitForText(page, pl('moveUsers:pickUsers.title'));
    await tick(page, 'checkbox', /Lars Eriksson/);
    await tick(page, 'checkbox', /Maja Holm/);
    await press(page, pl('moveUsers:pickUsers.done'));
    await waitForText(page, pl('moveUsers:confirm.title'));
    await waitForText(page, pl('moveUsers:result.verdict.ready'));
    await shot(page, 'pl-confirm');

    await press(page, pl('bot:confirm.confirm'));
    await waitForText(page, pl('bot:switch.confirmed'));
    await waitForText(page, pl('bot:switch.done.move', { count: 2 }), 60_000);
    await shot(page, 'pl-done');
    await expectReadableIn(page, 'pl');

    const tenant = subscriptionsOf('contoso-small-business.json');
    const holders = (subscriptionId: string) => tenant.users.filter((u) => u.licenses.some((l) => l.subscriptionId === subscriptionId)).map((u) => u.id);
    expect(holders('sub-exchange')).toEqual(expect.arrayContaining(['u-lars', 'u-maja']));
    expect(holders('sub-standard')).not.toContain('u-lars');
  }, 180_000);

  it('in English: the menu keeps five buttons, the rest behind "More", a pick pressed empty comes again, and the switch is one card updated in place', async () => {
    // Slow enough (the hour-long change takes about ten seconds) to see the card while the switch runs.
    const url = await startBot('360');
    const en = translator('en');
    const { page, grants } = await openWebChat(await visitor('en-US'), url);
    await waitForText(page, en('bot:identity.title'));
    await press(page, en('bot:identity.groups.global'));
    await tick(page, 'radio', /Contoso Ltd · Anna Lind/);
    await shot(page, 'en-identity-picker');
    await press(page, en('bot:identity.submit'));
    await waitForText(page, en('bot:menu.title'));

    // Seven flows: four buttons and "More", which opens the other three (Web Chat gets the "More" card:
    // its own overflow menu is drawn unstyled in the page's corner).
    const menu = transcript(page).locator('.ac-adaptiveCard').last();
    // The menu card's own buttons (the "More" card inside it is an .ac-adaptiveCard of its own).
    const visibleButtons = () => menu.locator('button:visible').allInnerTexts();
    await expect.poll(visibleButtons).toEqual([...['change-plan', 'diagnose', 'manual', 'move-users'].map((flow) => en(`bot:menu.flows.${flow}`)), en('bot:cards.more')]);
    await menu.scrollIntoViewIfNeeded();
    await shot(page, 'en-menu-overflow');
    const menuHandle = await menu.elementHandle();
    await press(page, en('bot:cards.more'));
    const rest = ['backup', 'billing', 'status'].map((flow) => en(`bot:menu.flows.${flow}`));
    await expect.poll(async () => (await menuHandle!.$$eval('button', (buttons) => buttons.filter((b) => (b as unknown as { offsetParent: unknown }).offsetParent !== null).map((b) => (b as unknown as { innerText: string }).innerText)))).toEqual(expect.arrayContaining(rest));
    await shot(page, 'en-menu-overflow-open');
    await press(page, en('bot:menu.flows.status'));
    await waitForText(page, en('status:title'));

    // "Next" with no subscription ticked: Web Chat's renderer checks isRequired itself and shows the
    // field's message under it, sending nothing.
    await say(page, en('bot:keywords.change-plan').split('|')[0]!);
    await waitForText(page, en('changePlan:pickSubscription.title'));
    const cards = await transcript(page).locator('.ac-adaptiveCard').count();
    await press(page, en('bot:pick.next'));
    await waitForText(page, en('bot:pick.required'));
    await shot(page, 'en-required-inline');
    // A client that does not check it (as the press arrives from some Teams clients) sends the press
    // empty: the bot answers with the field's own message and the same card again, not a refusal.
    const { token } = grants.at(-1)!;
    const conversationId = grants.at(-1)!.conversationId;
    expect(await fetchFromPage(page, `/v3/directline/conversations/${conversationId}/activities`, token, { type: 'message', value: { verb: 'subscription.pick', subscriptionId: '' } })).toBe(200);
    await expect.poll(() => transcript(page).locator('.ac-adaptiveCard').count()).toBe(cards + 1);
    expect(await transcriptText(page)).not.toContain(en('bot:errors.badSubmission'));
    expect((await transcriptText(page)).split(en('changePlan:pickSubscription.title')).length - 1).toBe(2);
    await shot(page, 'en-required-again');

    await tick(page, 'radio', /Microsoft 365 Business Standard: /);
    await press(page, en('bot:pick.next'));
    await waitForText(page, en('changePlan:pickPlan.title'));
    await transcript(page).getByRole('combobox').last().selectOption('m365-business-premium');
    await press(page, en('bot:pick.next'));
    await press(page, en('bot:confirm.confirm'));
    // While it runs: one card, saying how far it is.
    await waitForText(page, en('bot:switch.card.title.running'));
    await waitForText(page, en('bot:switch.card.progress', { done: 0, count: 8, percent: 0 }));
    await transcript(page).locator('.ac-adaptiveCard').last().scrollIntoViewIfNeeded();
    await shot(page, 'en-progress-running');
    await waitForText(page, en('bot:switch.done.automatic', { to: 'Microsoft 365 Business Premium', count: 8 }), 60_000);
    await waitForText(page, en('bot:switch.card.title.done'));
    // One progress card, now showing the end, and no trail of percentages.
    const text = await transcriptText(page);
    expect(text.split(en('bot:switch.card.title.done')).length - 1).toBe(1);
    expect(text).not.toContain(en('bot:switch.card.title.running'));
    expect(text).not.toMatch(/25% done|50% done|75% done/);
    expect(text).toContain(en('bot:switch.changed.automatic', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Business Premium', done: 8, count: 8 }));
    await shot(page, 'en-progress-card');
    await expectReadableIn(page, 'en');
  }, 180_000);

  it("a second browser cannot read or write the first one's conversation", async () => {
    const url = await startBot();
    const en = translator('en');
    const first = await openWebChat(await visitor('en-US'), url);
    await waitForText(first.page, en('bot:identity.title'));
    await press(first.page, en('bot:identity.groups.global'));
    await tick(first.page, 'radio', /Contoso Ltd · Anna Lind/);
    await press(first.page, en('bot:identity.submit'));
    await waitForText(first.page, en('bot:menu.title'));

    const second = await openWebChat(await visitor('en-US'), url);
    await waitForText(second.page, en('bot:identity.title'));
    const mine = second.grants.at(-1)!;
    const theirs = first.grants.at(-1)!;
    expect(mine.conversationId).not.toBe(theirs.conversationId);

    // The second visitor's own token, on the first one's conversation id: refused, to read and to post.
    expect(await fetchFromPage(second.page, `/v3/directline/conversations/${theirs.conversationId}/activities?watermark=`, mine.token)).toBe(403);
    expect(await fetchFromPage(second.page, `/v3/directline/conversations/${theirs.conversationId}/activities`, mine.token, { type: 'message', text: 'cancel' })).toBe(403);
    expect(await fetchFromPage(second.page, `/v3/directline/conversations/${mine.conversationId}/activities?watermark=`, mine.token)).toBe(200);

    // Neither transcript shows the other's conversation.
    const picked = en('bot:identity.picked', { name: 'Anna Lind', tenant: 'Contoso Ltd' });
    expect(await transcript(second.page).innerText()).not.toContain(picked);
    expect(await transcript(first.page).innerText()).toContain(picked);
    await shot(second.page, 'second-visitor');
  }, 120_000);
});
