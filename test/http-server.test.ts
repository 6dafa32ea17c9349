import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange, startBotProcess, startConnectorDouble, type BotProcess, type ConnectorDouble } from './support/bot-process';
import { submitData, visibleText } from './support/bot-harness';

let bots: BotProcess[] = [];
let connector: ConnectorDouble | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  for (const bot of bots) await bot.stop('SIGKILL');
  bots = [];
  await connector?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const activity = (serviceUrl: string, extra: Record<string, unknown>) => ({
  type: 'message',
  id: `a-${Math.random().toString(36).slice(2)}`,
  channelId: 'emulator',
  serviceUrl,
  conversation: { id: 'conv-http' },
  from: { id: 'user-http', name: 'Anna' },
  recipient: { id: 'bot', name: 'Bot' },
  locale: 'en-US',
  text: '',
  ...extra,
});

describe('the bot over HTTP, as npm start runs it', () => {
  it('answers expectReplies in the response body and finishes a switch after being killed mid-way', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-http-'));
    connector = await startConnectorDouble();
    const env = { DATA_DIR: dataDir, SWITCH_SPEED: '400', LOG_LEVEL: 'info' };
    const first = await startBotProcess(env);
    bots.push(first);
    const say = (extra: Record<string, unknown>) => exchange(first.port, activity(connector!.serviceUrl, extra));

    const hello = await say({ text: 'hello' });
    expect(hello.status).toBe(200);
    expect(visibleText(hello.activities)).toContain('Who are you?');
    await say({ value: { verb: 'identity.pick', identity: 'contoso|u-anna' } });
    await say({ value: { verb: 'menu.open', flow: 'change-plan' } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: 'sub-standard' } });
    const result = await say({ value: { verb: 'plan.pick', planId: 'm365-business-premium' } });
    const confirm = submitData(result.activities, 'switch.confirm');
    expect(confirm).toBeDefined();
    const pressed = await say({ value: confirm });
    expect(visibleText(pressed.activities)).toContain('Confirmed');

    // The job now runs in the background (about nine seconds at this speed): kill the process without warning.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await first.stop('SIGKILL');
    const tenantFile = join(dataDir, 'tenants', 'contoso-small-business.json');
    const midway = JSON.parse(readFileSync(tenantFile, 'utf8'));
    expect(midway.subscriptions.find((s: { id: string }) => s.id === 'sub-standard').status).toBe('active');

    const second = await startBotProcess(env);
    bots.push(second);
    const deadline = Date.now() + 30_000;
    const done = () => connector!.received.some((r) => String(r.activity.text ?? '').startsWith('Done:'));
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done()).toBe(true);
    expect(connector.received.every((r) => r.conversationId === 'conv-http')).toBe(true);

    const after = JSON.parse(readFileSync(tenantFile, 'utf8'));
    const premium = after.subscriptions.filter((s: { planId: string; status: string }) => s.planId === 'm365-business-premium');
    expect(premium).toHaveLength(1);
    expect(after.subscriptions.find((s: { id: string }) => s.id === 'sub-standard').status).toBe('deleted');
    const holders = after.users.filter((u: { licenses: { subscriptionId: string }[] }) => u.licenses.some((l) => l.subscriptionId === premium[0].id));
    expect(holders).toHaveLength(8);
    expect(after.users.some((u: { licenses: { subscriptionId: string }[] }) => u.licenses.some((l) => l.subscriptionId === 'sub-standard'))).toBe(false);
    expect(second.output()).toContain('switch.resumed');
  }, 90_000);

  it('shuts down cleanly on SIGTERM: it says so and exits 0', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-http-'));
    const bot = await startBotProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const exited = new Promise<number | null>((resolve) => bot.child.once('exit', (code) => resolve(code)));
    bot.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(bot.output()).toContain('"event":"bot.stopping"');
  });

  it('refuses to start in production without an app id, naming the variable', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-http-'));
    await expect(startBotProcess({ DATA_DIR: dataDir, NODE_ENV: 'production' })).rejects.toThrow(/MicrosoftAppId/);
  });
});
