import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../i18n/translator';
import { waitUntilHealthy } from '../support/bot-process';
import { launchChromium, newVisitor, type TestBrowser } from '../support/chromium';
import { comparable, openWebChat, say, transcriptText, waitForText } from '../support/web-chat';

// The bot killed with SIGKILL in the middle of a web chat switch, then started again the way `npm start`
// starts it (same port, same data folder): the page that was open goes on with the same conversation,
// and the switch's "done" reaches it. Chromium at /usr/bin/chromium; screenshots in out/screenshots/.

const ROOT = join(import.meta.dirname, '..', '..');
const SCREENSHOTS = join(ROOT, 'out', 'screenshots');

let chromium: TestBrowser;
const children: ChildProcess[] = [];
const contexts: BrowserContext[] = [];
let dataDir: string | undefined;
let output = '';

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') process.stderr.write(`bot output:\n${output.slice(-8000)}\n`);
  for (const visitor of contexts.splice(0)) await visitor.close();
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm start`'s entry point as one process (so SIGKILL kills the bot itself), on a given port and data folder. */
async function startBot(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bot', 'index.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await waitUntilHealthy(child, port, () => output);
  return child;
}

/** What the page's own visitor posts: an activity carrying a card's submit value, with the page's token. */
async function postAsVisitor(page: Page, conversationId: string, token: string, value: Record<string, unknown>): Promise<void> {
  const status = await page.evaluate(
    async ({ conversationId, token, value }) => {
      const response = await fetch(`/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: 'visitor' }, value }),
      });
      return response.status;
    },
    { conversationId, token, value },
  );
  expect(status, JSON.stringify(value)).toBe(200);
}

/** The confirmation id on the newest confirmation card of the conversation, as the page's visitor reads it. */
async function lastConfirmationId(page: Page, conversationId: string, token: string): Promise<string | undefined> {
  const body = await page.evaluate(
    async ({ conversationId, token }) => {
      const response = await fetch(`/v3/directline/conversations/${conversationId}/activities?watermark=`, { headers: { authorization: `Bearer ${token}` } });
      return response.text();
    },
    { conversationId, token },
  );
  return [...body.matchAll(/"verb":"switch\.confirm","confirmationId":"([^"]+)"|"confirmationId":"([^"]+)","verb":"switch\.confirm"/g)].map((m) => m[1] ?? m[2]).at(-1);
}

/** The texts of the conversation's activities, read with the page's token. */
async function conversationTexts(page: Page, conversationId: string, token: string): Promise<string[]> {
  const body = await page.evaluate(
    async ({ conversationId, token }) => {
      const response = await fetch(`/v3/directline/conversations/${conversationId}/activities?watermark=`, { headers: { authorization: `Bearer ${token}` } });
      return response.text();
    },
    { conversationId, token },
  );
  return (JSON.parse(body) as { activities: { text?: string }[] }).activities.map((a) => a.text ?? '');
}

async function eventuallyFound<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('not found in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  expect(child.signalCode).toBe('SIGKILL');
}

describe('the web chat across a kill -9 of the bot', () => {
  it('the same page continues the conversation and receives "done" after the bot is started again', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-restart-'));
    const port = await freePort();
    // At 120 times real speed the hour-long change takes 30 seconds: the kill lands in the middle of it.
    const env = { DATA_DIR: dataDir, SWITCH_SPEED: '120', LOG_LEVEL: 'info' };
    const first = await startBot(port, env);

    const en = translator('en');
    const context = await newVisitor(chromium.browser, 'en-US');
    contexts.push(context);
    const { page, grants } = await openWebChat(context, `http://127.0.0.1:${port}/`);
    await waitForText(page, en('bot:identity.title'));
    // The way to the confirmation is driven as the page's own visitor (its token, its conversation), with the
    // cards' submit values: the cards' looks are other tests' business, this one is about the restart.
    const { conversationId, token } = grants[0]!;
    const send = (value: Record<string, unknown>) => postAsVisitor(page, conversationId, token, value);
    await send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    await waitForText(page, en('bot:identity.picked', { name: 'Anna Lind', tenant: 'Contoso Ltd' }));
    await send({ verb: 'menu.open', flow: 'change-plan' });
    await waitForText(page, en('changePlan:pickSubscription.title'));
    await send({ verb: 'subscription.pick', subscriptionId: 'sub-standard' });
    await waitForText(page, en('changePlan:pickPlan.title'));
    await send({ verb: 'plan.pick', planId: 'm365-business-premium' });
    const confirmationId = await eventuallyFound(() => lastConfirmationId(page, conversationId, token));
    await page.screenshot({ path: join(SCREENSHOTS, 'restart-confirm.png') });
    await send({ verb: 'switch.confirm', confirmationId });
    await waitForText(page, en('bot:switch.confirmed'));
    await waitForText(page, en('bot:switch.started.automatic', { from: 'Microsoft 365 Business Standard', to: 'Microsoft 365 Business Premium', count: 8 }));
    const done = en('bot:switch.done.automatic', { to: 'Microsoft 365 Business Premium', count: 8 });
    expect(await transcriptText(page)).not.toContain(done);

    // kill -9 mid-switch: no clean shutdown, nothing flushed on the way out.
    await killHard(first);
    expect(output).not.toContain('"event":"switch.finished"');
    await page.screenshot({ path: join(SCREENSHOTS, 'restart-killed.png') });

    // `npm start` again: same port, same data folder. The page was never reloaded.
    output = '';
    await startBot(port, env);
    await waitForText(page, done, 90_000);
    await page.screenshot({ path: join(SCREENSHOTS, 'restart-done.png') });
    expect(output).toContain('"event":"switch.resumed"');

    // The same conversation: the same id as before, everything from before the kill still shown, "done" once.
    const text = comparable(await transcriptText(page));
    expect(text).toContain(comparable(en('bot:identity.picked', { name: 'Anna Lind', tenant: 'Contoso Ltd' })));
    // Once in the conversation, as the page's visitor reads it (Web Chat's screen-reader copies make counting on the page unreliable).
    const kept = await conversationTexts(page, conversationId, token);
    expect(kept.filter((t) => comparable(t).startsWith(comparable(done))), JSON.stringify(kept.slice(-3))).toHaveLength(1);
    expect(kept.filter((t) => comparable(t) === comparable(en('bot:switch.confirmed')))).toHaveLength(1);
    expect(grants).toHaveLength(1);

    // And it goes on: the visitor types, the bot answers there, still knowing who they are.
    await say(page, 'status');
    await waitForText(page, en('status:title'));
    await waitForText(page, en('status:states.done'));
    expect(await transcriptText(page)).not.toContain(en('bot:identity.title') + '\n' + en('bot:identity.title'));
    await page.screenshot({ path: join(SCREENSHOTS, 'restart-continued.png') });
  }, 240_000);
});
