import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../bot/storage/sqlite-database';
import { translator } from '../i18n/translator';
import { submitData, visibleText } from './support/bot-harness';
import { startConnectorDouble, type ConnectorDouble } from './support/bot-process';
import { logLines, post, startHardenedBot, type HardenedBot } from './support/hardened-bot';
import { secretsIn } from './support/log-hygiene';

// The bot over HTTP in local development mode (no app id: the token checks are in
// security-tokens.test.ts): what the server answers to requests that are not activities, the tenant
// and role checks, the limits on switch requests, where proactive messages may go, and one card
// pressed seven ways.

let connector: ConnectorDouble;
let bots: HardenedBot[] = [];
let dirs: string[] = [];
let collected = '';

beforeAll(async () => {
  connector = await startConnectorDouble();
});

afterEach(async () => {
  for (const bot of bots) {
    await bot.stop('SIGKILL');
    collected += bot.output();
  }
  bots = [];
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

afterAll(async () => {
  await connector?.close();
  expect(secretsIn(collected)).toEqual([]);
  expect(collected).not.toContain('test.outbound-refused');
});

async function start(env: Record<string, string> = {}, options: { dataDir?: string; preloads?: ('clock-shift' | 'count-tenant-writes')[] } = {}): Promise<{ bot: HardenedBot; dataDir: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'plan-switch-security-'));
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const bot = await startHardenedBot({ DATA_DIR: dataDir, SWITCH_SPEED: '1000000', ...env }, options.preloads ?? []);
  bots.push(bot);
  return { bot, dataDir };
}

/** One person's conversation over HTTP, with expectReplies. */
function chat(bot: HardenedBot, conversationId: string, userId: string, base: Record<string, unknown> = {}) {
  return async (extra: Record<string, unknown>) => {
    const answer = await post(bot, {
      type: 'message',
      deliveryMode: 'expectReplies',
      channelId: 'emulator',
      serviceUrl: connector.serviceUrl,
      conversation: { id: conversationId },
      from: { id: userId, name: 'Someone' },
      recipient: { id: 'bot', name: 'Bot' },
      locale: 'en-US',
      text: '',
      ...base,
      ...extra,
    });
    expect(answer.status).toBe(200);
    return answer.activities;
  };
}

type Say = ReturnType<typeof chat>;

/** Business Standard → Premium on contoso, up to the confirmation card; its Action.Submit data, if it was offered. */
async function changePlanCard(say: Say, identity?: string): Promise<Record<string, unknown> | undefined> {
  if (identity) await say({ value: { verb: 'identity.pick', identity } });
  await say({ value: { verb: 'menu.open', flow: 'change-plan' } });
  await say({ value: { verb: 'subscription.pick', subscriptionId: 'sub-standard' } });
  const result = await say({ value: { verb: 'plan.pick', planId: 'm365-business-premium' } });
  return submitData(result, 'switch.confirm') ?? { refused: visibleText(result) };
}

const GENERIC = /^\{"error":\{"code":"[A-Za-z]+","message":"[A-Za-z ;.]+"\}\}$/;
const INTERNALS = /\bat .+:\d+|Error\b|node_modules|Unexpected token|in JSON at|position \d|stack|\.ts\b|\.js\b|exceeds/;

describe('what the server answers to requests that are not activities', () => {
  it('413 over the body limit, 415 for other media types or compressed bodies, 400 for bad JSON or a non-activity, 404 and 405: all with a fixed body', async () => {
    const { bot } = await start();
    const send = async (init: RequestInit & { path?: string }) => {
      const response = await fetch(`${bot.url}${init.path ?? '/api/messages'}`, { method: 'POST', ...init });
      return { status: response.status, text: await response.text() };
    };
    const json = { 'content-type': 'application/json' };
    const huge = JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) });
    const inChunks = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      return new ReadableStream({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 16 * 1024) controller.enqueue(bytes.slice(at, at + 16 * 1024));
          controller.close();
        },
      });
    };
    const cases: [string, () => Promise<{ status: number; text: string }>, number][] = [
      ['a 300 KiB body', () => send({ headers: json, body: huge }), 413],
      ['a 300 KiB body in chunks, with no length given', () => send({ headers: json, body: inChunks(huge), duplex: 'half' } as RequestInit), 413],
      ['an empty body', () => send({ headers: json, body: '' }), 400],
      ['text/plain', () => send({ headers: { 'content-type': 'text/plain' }, body: '{"type":"message"}' }), 415],
      ['a form post', () => send({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=message&conversation[id]=x' }), 415],
      ['no content type', () => send({ body: '{}' }), 415],
      ['a gzip body', () => send({ headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync(Buffer.from('{"type":"message"}')) }), 415],
      ['malformed JSON', () => send({ headers: json, body: '{"type": "message",' }), 400],
      ['a JSON array', () => send({ headers: json, body: '[1,2,3]' }), 400],
      ['a JSON string', () => send({ headers: json, body: '"message"' }), 400],
      ['an activity with no conversation', () => send({ headers: json, body: JSON.stringify({ type: 'message', channelId: 'emulator', serviceUrl: connector.serviceUrl, from: { id: 'u' } }) }), 400],
      ['a value nested 5,000 deep', () => send({ headers: json, body: `{"type":"message","channelId":"emulator","serviceUrl":"${connector.serviceUrl}","conversation":{"id":"c"},"from":{"id":"u"},"value":${'['.repeat(5000)}${']'.repeat(5000)}}` }), 400],
      ['an unknown route', () => send({ path: '/api/../../etc/passwd', headers: json, body: '{}' }), 404],
      ['an unknown route asking for text', () => send({ path: '/nothing-here', method: 'GET', headers: { accept: 'text/plain' } }), 404],
      ['GET /api/messages', () => send({ method: 'GET', headers: { accept: 'text/html' } }), 405],
    ];
    for (const [name, request, status] of cases) {
      const answer = await request();
      expect(answer.status, name).toBe(status);
      expect(answer.text, name).toMatch(GENERIC);
      expect(answer.text, name).not.toMatch(INTERNALS);
    }
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});

describe('tenants', () => {
  it('with ALLOWED_TENANTS a request with no tenant is refused (no demo picker), another tenant too, and each refusal is audited', async () => {
    const { bot, dataDir } = await start({ ALLOWED_TENANTS: 'contoso' });
    const noTenant = await chat(bot, 'conv-none', 'user-none')({ text: 'hi' });
    expect(visibleText(noTenant)).toContain('could not tell which organisation');
    expect(visibleText(noTenant)).not.toContain('Who are you?');
    const teams = (tenantId: string, aadObjectId: string) =>
      chat(bot, `conv-${tenantId}-${aadObjectId}`, `29:${aadObjectId}`, {
        channelId: 'msteams',
        channelData: { tenant: { id: tenantId } },
        from: { id: `29:${aadObjectId}`, aadObjectId },
      });
    // A tenant that may not use the bot: 403 before any turn, no reply, and nothing stored for it (below).
    const lena = { type: 'message', deliveryMode: 'expectReplies', channelId: 'msteams', serviceUrl: connector.serviceUrl, conversation: { id: 'conv-fabrikam-u-lena' }, channelData: { tenant: { id: 'fabrikam' } }, from: { id: '29:u-lena', aadObjectId: 'u-lena' }, recipient: { id: 'bot' }, locale: 'en-US' };
    for (const extra of [{ value: { verb: 'menu.open', flow: 'change-plan' } }, { text: 'hi' }, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'switch.confirm', data: { confirmationId: 'x' } } } }]) {
      const refused = await post(bot, { ...lena, ...extra });
      expect(refused.status).toBe(403);
      expect(refused.activities).toEqual([]);
    }
    const conversationWithoutTenant = await post(bot, { ...lena, conversation: { id: 'conv-fabrikam-2', tenantId: 'fabrikam' }, channelData: {}, text: 'hi' });
    expect(conversationWithoutTenant.status).toBe(403);
    expect(visibleText(await teams('contoso', 'u-anna')({ text: 'hi' }))).toContain('Anna Lind');
    // A helpdesk agent of an allowed tenant cannot pick a customer that is not allowed.
    const karin = teams('contoso', 'u-karin');
    const picker = await karin({ text: 'hi' });
    expect(visibleText(picker)).toContain('Which customer are you guiding?');
    expect(JSON.stringify(picker)).not.toContain('Fabrikam');
    expect(visibleText(await karin({ value: { verb: 'customer.pick', tenantId: 'fabrikam' } }))).toContain('could not read that card action');
    await bot.waitFor('customer-not-allowed');
    const refusals = logLines(bot.output()).filter((l) => l.event === 'access.refused');
    expect(refusals.map((r) => r.reason)).toEqual(['no-tenant', 'tenant-not-allowed', 'tenant-not-allowed', 'tenant-not-allowed', 'tenant-not-allowed', 'customer-not-allowed']);
    expect(refusals.every((r) => r.level === 'audit' && /Z$/.test(r.time))).toBe(true);
    expect(refusals[1]).toMatchObject({ tenantId: 'fabrikam', channelId: 'msteams' });
    await bot.stop();
    const db = openDatabase(join(dataDir, 'bot.sqlite'));
    try {
      const keys = db.all('SELECT key FROM state').map((row) => String(row.key));
      expect(keys.some((key) => key.includes('u-anna') || key.includes('contoso'))).toBe(true);
      expect(keys.filter((key) => key.includes('fabrikam') || key.includes('u-lena'))).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('roles are checked again when a change runs', () => {
  it('a licence administrator who loses the role between the move card and the press moves nobody; one who keeps it moves them', async () => {
    const { bot, dataDir } = await start();
    const moveCard = async (say: Say, identity: string) => {
      await say({ value: { verb: 'identity.pick', identity } });
      await say({ value: { verb: 'menu.open', flow: 'move-users' } });
      // The only other live subscription, sub-exchange, is taken as the target without asking.
      await say({ value: { verb: 'subscription.pick', subscriptionId: 'sub-standard' } });
      return submitData(await say({ value: { verb: 'users.pick', userIds: 'u-lars,u-maja' } }), 'switch.confirm');
    };
    const ingrid = chat(bot, 'conv-ingrid', 'user-ingrid');
    const jonas = chat(bot, 'conv-jonas', 'user-jonas');
    const ingridsCard = await moveCard(ingrid, 'contoso|u-ingrid');
    expect(ingridsCard).toBeDefined();

    // In the admin centre, Ingrid becomes a billing administrator: she may still change plans, but not assign licences.
    const tenantFile = join(dataDir, 'tenants', 'contoso-small-business.json');
    const tenantBefore = JSON.parse(readFileSync(tenantFile, 'utf8'));
    tenantBefore.users.find((u: { id: string }) => u.id === 'u-ingrid').roles = ['BillingAdmin'];
    writeFileSync(tenantFile, JSON.stringify(tenantBefore, null, 2));
    expect(visibleText(await ingrid({ value: ingridsCard }))).toMatch(/cannot start now/);
    await bot.waitFor('"switch.blocked"');
    expect(logLines(bot.output()).find((l) => l.event === 'switch.blocked')).toMatchObject({ level: 'audit', tenantId: 'contoso', userId: 'u-ingrid', codes: ['ADMIN_ROLE_REQUIRED'] });
    expect(JSON.parse(readFileSync(tenantFile, 'utf8')).users).toEqual(tenantBefore.users);

    // Jonas, a user administrator, may assign licences: his card moves them.
    const jonassCard = await moveCard(jonas, 'contoso|u-jonas');
    expect(jonassCard).toBeDefined();
    expect(visibleText(await jonas({ value: jonassCard }))).toContain('Confirmed');
    await bot.waitFor('"switch.finished"');
    const tenant = JSON.parse(readFileSync(tenantFile, 'utf8'));
    const holds = (id: string, sub: string) => tenant.users.find((u: { id: string }) => u.id === id).licenses.some((l: { subscriptionId: string }) => l.subscriptionId === sub);
    expect(['u-lars', 'u-maja'].map((id) => [holds(id, 'sub-exchange'), holds(id, 'sub-standard')])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(logLines(bot.output()).filter((l) => l.event === 'switch.started').map((l) => l.userId)).toEqual(['u-jonas']);
  });
});

describe('limits on switch and move requests', () => {
  it('per person and per organisation, refused in the person\'s language, audited, and nothing offered', async () => {
    const { bot } = await start({ CHANGE_LIMIT_USER_PER_MINUTE: '2', CHANGE_LIMIT_TENANT_PER_MINUTE: '3' });
    const anna = chat(bot, 'conv-anna', 'user-anna', { locale: 'sv-SE' });
    const erik = chat(bot, 'conv-erik', 'user-erik');
    expect(await changePlanCard(anna, 'contoso|u-anna')).toHaveProperty('verb', 'switch.confirm');
    expect(await changePlanCard(anna)).toHaveProperty('verb', 'switch.confirm');
    const third = (await changePlanCard(anna)) as { refused?: string };
    expect(third.refused).toContain(translator('sv')('limits:changes.user', { count: 1 }));
    // Anna's refused request did not count: the organisation has asked twice, Erik may ask once more.
    expect(await changePlanCard(erik, 'contoso|u-erik')).toHaveProperty('verb', 'switch.confirm');
    const erikAgain = (await changePlanCard(erik)) as { refused?: string };
    expect(erikAgain.refused).toContain(translator('en')('limits:changes.tenant', { count: 1 }));
    // After a refusal the conversation goes on: the menu answers.
    expect(visibleText(await erik({ text: 'menu' }))).toContain('What would you like to do?');
    await bot.waitFor(/limit\.refused[\s\S]*limit\.refused/);
    const refusals = logLines(bot.output()).filter((l) => l.event === 'limit.refused');
    expect(refusals.map((r) => [r.scope, r.userId, r.tenantId])).toEqual([
      ['user', 'u-anna', 'contoso'],
      ['tenant', 'u-erik', 'contoso'],
    ]);
    expect(bot.output()).not.toContain('turn.failed');
  });
});

describe('proactive messages go only to allowed hosts', () => {
  it('a job resumed under a tighter ALLOWED_SERVICE_HOSTS finishes, but sends nothing to the old host, and says so in the audit', async () => {
    const { bot: first, dataDir } = await start({ SWITCH_SPEED: '200' });
    const anna = chat(first, 'conv-proactive', 'user-proactive');
    const card = await changePlanCard(anna, 'contoso|u-anna');
    expect(visibleText(await anna({ value: card }))).toContain('Confirmed');
    await first.waitFor('"switch.started"');
    await first.stop('SIGKILL');
    const sentBefore = connector.received.filter((r) => r.conversationId === 'conv-proactive').length;

    const { bot: second } = await start({ ALLOWED_SERVICE_HOSTS: 'smba.trafficmanager.net' }, { dataDir });
    await second.waitFor('"switch.finished"');
    await second.waitFor(/"service-host\.refused".*"direction":"proactive"/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.received.filter((r) => r.conversationId === 'conv-proactive')).toHaveLength(sentBefore);
    const refused = logLines(second.output()).filter((l) => l.event === 'service-host.refused');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.level === 'audit' && r.direction === 'proactive' && r.host.startsWith('127.0.0.1:'))).toBe(true);
    // The path of the serviceUrl (it may hold a secret) is not logged.
    expect(second.output()).not.toContain(connector.serviceUrl);
  });
});

describe('never twice, over HTTP', () => {
  it('one card pressed five times at once, once by a second admin, and once after it expired (after a restart): exactly one job', async () => {
    const { bot: first, dataDir } = await start({}, { preloads: ['clock-shift'] });
    const anna = chat(first, 'conv-anna-once', 'user-anna-once');
    const erik = chat(first, 'conv-erik-once', 'user-erik-once');
    const annas = await changePlanCard(anna, 'contoso|u-anna');
    const eriks = await changePlanCard(erik, 'contoso|u-erik');
    expect(annas).toHaveProperty('verb', 'switch.confirm');
    expect(eriks).toHaveProperty('verb', 'switch.confirm');

    const presses = await Promise.all(Array.from({ length: 5 }, () => anna({ value: annas })));
    const texts = presses.map(visibleText);
    expect(texts.filter((t) => t.includes('Confirmed'))).toHaveLength(1);
    for (const text of texts.filter((t) => !t.includes('Confirmed'))) expect(text).toMatch(/already been handled|already running/);
    expect(visibleText(await erik({ value: annas }))).toMatch(/already been handled/);
    await first.waitFor('"switch.finished"');
    await first.stop();

    // Sixteen minutes later (the card lives fifteen), Erik presses his own card for the same switch.
    const { bot: later } = await start({ TEST_CLOCK_OFFSET_MS: String(16 * 60_000) }, { dataDir, preloads: ['clock-shift'] });
    const erikLater = chat(later, 'conv-erik-once', 'user-erik-once');
    expect(visibleText(await erikLater({ value: eriks }))).toContain('expired');
    await later.stop();

    const all = first.output() + later.output();
    expect(logLines(all).filter((l) => l.event === 'switch.started')).toHaveLength(1);
    const tenant = JSON.parse(readFileSync(join(dataDir, 'tenants', 'contoso-small-business.json'), 'utf8'));
    expect(tenant.subscriptions.filter((s: { planId: string }) => s.planId === 'm365-business-premium')).toHaveLength(1);
    // The switch's audit: UTC time, tenant, who, job, plans, and licence counts before and after.
    const started = logLines(all).find((l) => l.event === 'switch.started')!;
    const finished = logLines(all).find((l) => l.event === 'switch.finished')!;
    expect(started).toMatchObject({ level: 'audit', tenantId: 'contoso', userId: 'u-anna', kind: 'automatic-change', fromPlan: 'm365-business-standard', toPlan: 'm365-business-premium' });
    expect(started.licenceCountsBefore).toEqual({ 'sub-standard': { purchased: 10, assigned: 8 } });
    expect(finished).toMatchObject({ level: 'audit', tenantId: 'contoso', userId: 'u-anna', jobId: started.jobId, step: 'done', fromPlan: 'm365-business-standard', toPlan: 'm365-business-premium' });
    expect(finished.licenceCountsAfter).toEqual({ 'sub-standard': { purchased: 10, assigned: 0 }, [finished.newSubscriptionId]: { purchased: 10, assigned: 8 } });
    for (const line of [started, finished]) expect(line.time).toMatch(/Z$/);
    const refused = logLines(all).filter((l) => l.event === 'switch.confirmation.refused').map((l) => l.reason);
    expect(refused.sort()).toEqual(['already-handled', 'already-handled', 'already-handled', 'already-handled', 'already-handled', 'expired']);
  });
});
