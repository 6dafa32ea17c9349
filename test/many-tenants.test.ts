import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { parseConfig } from '../bot/config';
import { parseGraphConfig } from '../graph/config';
import { TenantCredentials } from '../graph/tenant-credentials';
import { MemoryTenantRegistry } from '../bot/tenants/consented-tenants';
import { ManyTenantDirectory } from '../bot/tenants/many-tenant-directory';
import { visibleText } from './support/bot-harness';
import { exchange, startBotProcess, startConnectorDouble, type BotProcess, type ConnectorDouble } from './support/bot-process';
import { executedWrites } from './support/graph-fixtures';
import { SKU_PREMIUM, SKU_STANDARD, startGraphServer, TEST_CA, userId, type GraphTestServer } from './support/graph-server';
import { startManyTenantGraph, type ManyTenantGraph } from './support/graph-server/many-tenants';
import { contoso, CONTOSO_ID, FABRIKAM_ID, NORTHWIND_ID, otherTenant } from './support/many-tenant-seeds';
import { findAll, type Node } from './support/teams-chat';

// One running bot (`npm start`, TENANT_SOURCE=graph, no GRAPH_TENANT_ID) serving the organisations whose
// administrators consented through its /admin-consent, on a local Entra and Graph of three tenants that
// share object ids: each organisation's people see their own organisation only, a move in one writes
// to that one only and is announced in its own conversation, and the rest are shown how to join.

const ROOT = join(import.meta.dirname, '..');
const CA_FILE = join(import.meta.dirname, 'support', 'graph-server', 'tls', 'server-cert.pem');
const PUBLIC_BASE_URL = 'https://plan-switch.example.test';

let servers: Record<'contoso' | 'fabrikam' | 'northwind', GraphTestServer>;
let entra: ManyTenantGraph;
let bot: BotProcess;
let connector: ConnectorDouble;
let dataDir: string;

const botEnv = () => ({ ...entra.env(), TENANT_SOURCE: 'graph', PUBLIC_BASE_URL, NODE_EXTRA_CA_CERTS: CA_FILE, DATA_DIR: dataDir, LOG_LEVEL: 'info' });

beforeAll(async () => {
  servers = {
    contoso: await startGraphServer({ seed: contoso(12) }),
    fabrikam: await startGraphServer({ seed: otherTenant(FABRIKAM_ID, 'Fabrikam', 'fabrikam', 6) }),
    northwind: await startGraphServer({ seed: otherTenant(NORTHWIND_ID, 'Northwind', 'northwind', 3) }),
  };
  entra = await startManyTenantGraph(Object.values(servers));
  connector = await startConnectorDouble();
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-many-'));
  bot = await startBotProcess(botEnv());
}, 90_000);

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await connector?.close();
  await entra?.close();
  for (const server of Object.values(servers ?? {})) await server.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

let counter = 0;
/** A Teams activity from user n of a tenant. */
const teams = (tenantId: string, conversationId: string, extra: Record<string, unknown>, n = 1, locale = 'en-US') =>
  exchange(bot.port, {
    type: 'message',
    id: `t-${++counter}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversationId, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    from: { id: `29:${conversationId}`, name: 'Someone', aadObjectId: userId(n) },
    recipient: { id: '28:bot', name: 'Plan Switch' },
    locale,
    text: '',
    ...extra,
  });

/** The admin consent as a browser goes through it: the bot's redirect, Entra (answered as `tenantId`'s admin), the bot's callback. */
async function onboard(tenantId: string): Promise<string> {
  const started = await fetch(`http://127.0.0.1:${bot.port}/admin-consent`, { redirect: 'manual' });
  const cookie = started.headers.get('set-cookie')!.split(';')[0]!;
  entra.nextConsent = { tenantId, accept: true };
  const back = await new Promise<URL>((resolve, reject) => {
    httpsGet(started.headers.get('location')!, { ca: TEST_CA, agent: false }, (response) => {
      response.resume();
      resolve(new URL(String(response.headers.location)));
    }).on('error', reject);
  });
  expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC_BASE_URL}/admin-consent/callback`);
  const page = await fetch(`http://127.0.0.1:${bot.port}${back.pathname}${back.search}`, { headers: { cookie } });
  expect(page.status).toBe(200);
  return page.text();
}

async function planSwitch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/plan-switch.mjs'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, STORAGE: 'sqlite', DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The people the move-users flow offers in a conversation (display names). */
async function offeredPeople(tenantId: string, conversationId: string): Promise<{ names: string[]; reply: Node[] }> {
  await teams(tenantId, conversationId, { text: 'hello' });
  let reply = (await teams(tenantId, conversationId, { value: { verb: 'menu.open', flow: 'move-users' } })).activities as Node[];
  const choices = (activities: Node[]) => findAll(activities, (n) => n.type === 'Input.ChoiceSet' && n.id === 'userIds')[0]?.choices as { title: string; value: string }[] | undefined;
  for (const pick of [SKU_STANDARD, SKU_PREMIUM]) {
    if (choices(reply)) break;
    reply = (await teams(tenantId, conversationId, { value: { verb: 'subscription.pick', subscriptionId: pick } })).activities as Node[];
  }
  return { names: (choices(reply) ?? []).map((c) => c.title), reply };
}

describe('many tenants on one running bot', () => {
  it('refuses to start without the address Entra sends the administrator back to', () => {
    const parsed = parseConfig({ TENANT_SOURCE: 'graph', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', ...entra.env() });
    expect(!parsed.ok && parsed.message).toMatch(/^configuration: PUBLIC_BASE_URL: required with TENANT_SOURCE=graph and GRAPH_TENANT_ID unset or organizations/);
    const plain = parseConfig({ TENANT_SOURCE: 'graph', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', ...entra.env(), PUBLIC_BASE_URL: 'http://bot.example.com' });
    expect(!plain.ok && plain.message).toMatch(/^configuration: PUBLIC_BASE_URL: must be an https:\/\//);
    const many = parseConfig({ TENANT_SOURCE: 'graph', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', ...entra.env(), GRAPH_TENANT_ID: 'organizations', PUBLIC_BASE_URL: `${PUBLIC_BASE_URL}/` });
    expect(many.ok && many.config.tenantSource).toMatchObject({ kind: 'graph', many: { publicBaseUrl: PUBLIC_BASE_URL } });
  });

  it('shows a person of an organisation that has not consented the consent link and who must open it, in their language', async () => {
    const english = await teams(CONTOSO_ID, 'conv-before', { text: 'hello' });
    expect(visibleText(english.activities as Node[])).toContain('Who must open the link: a Global Administrator');
    const [link] = findAll(english.activities as Node[], (n) => n.type === 'Action.OpenUrl');
    expect(link).toMatchObject({ url: `${PUBLIC_BASE_URL}/admin-consent`, title: 'Give admin consent' });
    const polish = await teams(NORTHWIND_ID, 'conv-nw', { text: 'cześć' }, 1, 'pl-PL');
    const text = visibleText(polish.activities as Node[]);
    expect(text).toContain('administrator globalny');
    expect(text).not.toContain('Global Administrator');
    // Nothing was read from any tenant for them.
    expect(entra.tokenRequests).toEqual([]);
  });

  it('serves two consented organisations, each seeing only its own people, though their object ids are the same', async () => {
    expect(await onboard(CONTOSO_ID)).toContain('Plan Switch is connected to Contoso Ltd.');
    expect(await onboard(FABRIKAM_ID)).toContain('Plan Switch is connected to Fabrikam.');
    const ofContoso = await offeredPeople(CONTOSO_ID, 'conv-contoso');
    const ofFabrikam = await offeredPeople(FABRIKAM_ID, 'conv-fabrikam');
    expect(ofContoso.names.length).toBeGreaterThan(0);
    expect(ofFabrikam.names.length).toBeGreaterThan(0);
    expect(ofContoso.names.every((name) => /^User \d+/.test(name))).toBe(true);
    expect(ofFabrikam.names.every((name) => /^Fabrikam person \d+/.test(name))).toBe(true);
    // Northwind has not consented: still the card, and no token was asked for it.
    const northwind = await teams(NORTHWIND_ID, 'conv-nw', { text: 'hello' });
    expect(visibleText(northwind.activities as Node[])).toContain('Give admin consent');
    expect(entra.tokenRequests).not.toContain(NORTHWIND_ID);
    expect(servers.northwind.counts.reads).toBe(0);
    // Each tenant's token was asked for against that tenant's authority, once (then reused).
    expect(entra.tokenRequests.filter((t) => t === CONTOSO_ID).length).toBeLessThanOrEqual(2);
    expect(servers.contoso.issuer.issued).toBeGreaterThanOrEqual(1);
    expect(servers.fabrikam.issuer.issued).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('runs a move in one organisation, writing to that organisation only, and tells only its own conversation', async () => {
    const { reply } = await offeredPeople(FABRIKAM_ID, 'conv-fab-move');
    const choices = findAll(reply, (n) => n.type === 'Input.ChoiceSet' && n.id === 'userIds')[0]!.choices as { value: string }[];
    const chosen = [choices[0]!.value, choices[1]!.value];
    const plan = await teams(FABRIKAM_ID, 'conv-fab-move', { value: { verb: 'users.pick', userIds: chosen.join(','), page: 0 } });
    const [confirm] = findAll(plan.activities as Node[], (n) => (n.data as Node | undefined)?.verb === 'switch.confirm').map((n) => n.data as Node);
    expect(confirm, visibleText(plan.activities as Node[])).toBeDefined();
    // A Contoso person who got hold of Fabrikam's confirmation presses it: refused, nothing moves. (Object ids
    // are unique across Entra, so this is someone else; the seeds' shared ids are only for the reading above.)
    const foreign = await teams(CONTOSO_ID, 'conv-fab-move', { value: { verb: 'switch.confirm', confirmationId: confirm!.confirmationId } }, 2);
    expect(visibleText(foreign.activities as Node[])).not.toContain('Confirmed');
    const pressed = await teams(FABRIKAM_ID, 'conv-fab-move', { value: { verb: 'switch.confirm', confirmationId: confirm!.confirmationId } });
    expect(visibleText(pressed.activities as Node[])).toContain('Confirmed');
    const deadline = Date.now() + 30_000;
    const moved = () => executedWrites(servers.fabrikam).size === chosen.length;
    while (!moved() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...executedWrites(servers.fabrikam).keys()].sort(), bot.output()).toEqual([...chosen].sort());
    expect(servers.contoso.writes).toHaveLength(0);
    expect(servers.northwind.writes).toHaveLength(0);
    // Its "done" reaches its own conversation, and nothing about the move any other.
    const done = () => connector.received.some((r) => r.conversationId === 'conv-fab-move' && /^Done/.test(String(r.activity.text ?? '')));
    for (const until = Date.now() + 30_000; !done() && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done(), bot.output()).toBe(true);
    expect(connector.received.filter((r) => r.conversationId !== 'conv-fab-move')).toEqual([]);
    // Contoso's people still hold what they held.
    expect([...servers.contoso.state.licences().values()].filter((skus) => skus.includes(SKU_PREMIUM))).toHaveLength(0);
  }, 60_000);

  it("never lets a helpdesk agent of one organisation pick another organisation's tenant", async () => {
    // User 3 of each seed holds the Helpdesk Administrator role.
    const picker = await teams(CONTOSO_ID, 'conv-helpdesk', { text: 'hello' }, 3);
    const text = visibleText(picker.activities as Node[]);
    expect(text).toContain('Contoso Ltd');
    expect(text).not.toContain('Fabrikam');
    expect(JSON.stringify(picker.activities)).not.toContain(FABRIKAM_ID);
    const forged = await teams(CONTOSO_ID, 'conv-helpdesk', { value: { verb: 'customer.pick', tenantId: FABRIKAM_ID } }, 3);
    const answer = visibleText(forged.activities as Node[]);
    expect(answer).not.toContain('Fabrikam');
    // The agent is not guiding Fabrikam afterwards either.
    const next = visibleText((await teams(CONTOSO_ID, 'conv-helpdesk', { text: 'hello' }, 3)).activities as Node[]);
    expect(next).toContain('Contoso Ltd');
    expect(next).not.toContain('Fabrikam');
  });

  it('lists and removes the consented organisations on the command line while the bot runs, and a removed one is shown the consent card at once', async () => {
    // The bot holds its database; the command asks the bot itself (its admin socket in the data folder).
    const listed = await planSwitch(['tenants', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { tenantId: string; result: string; name: string }[]).map((t) => [t.tenantId, t.name, t.result])).toEqual([
      [CONTOSO_ID, 'Contoso Ltd', 'granted'],
      [FABRIKAM_ID, 'Fabrikam', 'granted'],
    ]);
    const swedish = await planSwitch(['tenants', 'list', '--lang', 'sv']);
    expect(swedish.stdout).toContain('Organisationer som har gett administratörsmedgivande');
    expect(swedish.stdout).toContain(`${FABRIKAM_ID}  Fabrikam  givet`);
    expect((await teams(FABRIKAM_ID, 'conv-before', { text: 'hello' })).activities).not.toHaveLength(0);

    const removed = await planSwitch(['tenants', 'remove', FABRIKAM_ID.toUpperCase()]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Removed ${FABRIKAM_ID}`);
    // No restart: Fabrikam's next message is answered with the consent card, Contoso's as before.
    const fabrikam = await teams(FABRIKAM_ID, 'conv-after', { text: 'hello' });
    expect(visibleText(fabrikam.activities as Node[])).toContain('Give admin consent');
    const contosoAfter = await teams(CONTOSO_ID, 'conv-after-c', { text: 'hello' });
    expect(visibleText(contosoAfter.activities as Node[])).toContain('What would you like to do?');
    expect(bot.output()).toContain('"event":"tenant.removed"');

    const again = await planSwitch(['tenants', 'remove', FABRIKAM_ID]);
    expect(again.code).toBe(2);
    expect(again.stderr.trimEnd().split('\n')).toEqual([`plan-switch tenants remove ${FABRIKAM_ID}: no organisation with this id has given consent`]);
    const bad = await planSwitch(['tenants', 'remove', 'fabrikam.example', '--lang', 'nb']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('forventet en leietaker-ID');

    // Stopped, the command reads the database itself: the removal was kept.
    await bot.stop();
    const afterStop = await planSwitch(['tenants', 'list', '--json']);
    expect(afterStop.code, afterStop.stderr).toBe(0);
    expect((JSON.parse(afterStop.stdout) as { tenantId: string }[]).map((t) => t.tenantId)).toEqual([CONTOSO_ID]);
    bot = await startBotProcess(botEnv());
    expect(visibleText((await teams(FABRIKAM_ID, 'conv-after-restart', { text: 'hello' })).activities as Node[])).toContain('Give admin consent');
  }, 90_000);
});

describe('app-only tokens per tenant', () => {
  const app = () => {
    const parsed = parseGraphConfig({ GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' }, { manyTenants: true });
    if (!parsed.ok) throw new Error('config');
    return parsed.value;
  };

  it('keeps one token per tenant, asks each tenant only for its own, and renews it five minutes before it expires', async () => {
    let now = 1_000_000;
    const asked: string[] = [];
    const credentials = new TenantCredentials(app(), {
      now: () => now,
      create: (tenantId): TokenCredential => ({
        async getToken(): Promise<AccessToken> {
          asked.push(tenantId);
          return { token: `${tenantId}-${asked.length}`, expiresOnTimestamp: now + 60 * 60_000 };
        },
      }),
    });
    const contosoToken = () => credentials.forTenant(CONTOSO_ID).getToken('https://graph.microsoft.com/.default');
    const fabrikamToken = () => credentials.forTenant(FABRIKAM_ID.toUpperCase()).getToken('https://graph.microsoft.com/.default');
    const [a, b, c] = await Promise.all([contosoToken(), contosoToken(), fabrikamToken()]);
    expect(a!.token).toBe(b!.token);
    expect(a!.token.startsWith(CONTOSO_ID)).toBe(true);
    expect(c!.token.startsWith(FABRIKAM_ID)).toBe(true);
    expect(asked).toEqual([CONTOSO_ID, FABRIKAM_ID]);
    now += 54 * 60_000;
    expect((await contosoToken())!.token).toBe(a!.token);
    now += 2 * 60_000;
    expect((await contosoToken())!.token).not.toBe(a!.token);
    expect(asked).toEqual([CONTOSO_ID, FABRIKAM_ID, CONTOSO_ID]);
  });

  it('refuses one-tenant settings that name no tenant (snapshot --graph needs a real one)', () => {
    expect(parseGraphConfig({ GRAPH_TENANT_ID: 'organizations', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' })).toEqual({
      ok: false,
      error: { problem: 'invalid', variable: 'GRAPH_TENANT_ID', expected: 'tenant-id' },
    });
  });
});

describe('the directory of consented tenants', () => {
  it('serves a granted tenant, not a denied one, and sees a removal made elsewhere once its recheck time has passed', async () => {
    const parsed = parseGraphConfig({ GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' }, { manyTenants: true });
    if (!parsed.ok) throw new Error('config');
    const registry = new MemoryTenantRegistry();
    await registry.record({ tenantId: CONTOSO_ID, name: 'Contoso Ltd', at: '2026-12-04T09:00:00.000Z', result: 'granted' });
    await registry.record({ tenantId: NORTHWIND_ID, at: '2026-12-04T09:00:00.000Z', result: 'denied', error: 'access_denied' });
    let now = 0;
    const directory = new ManyTenantDirectory({ app: parsed.value, settings: {}, registry, consentUrl: `${PUBLIC_BASE_URL}/admin-consent`, recheckMs: 30_000, now: () => now });
    await directory.load();
    expect(await directory.list()).toEqual([{ id: CONTOSO_ID, name: 'Contoso Ltd' }]);
    await directory.prepare(NORTHWIND_ID);
    expect(directory.find(NORTHWIND_ID)).toBeUndefined();
    await directory.prepare(CONTOSO_ID);
    await registry.remove(CONTOSO_ID);
    now += 29_999;
    await directory.prepare(CONTOSO_ID);
    expect(directory.find(CONTOSO_ID)).toBeDefined();
    now += 1;
    await directory.prepare(CONTOSO_ID);
    expect(directory.find(CONTOSO_ID)).toBeUndefined();
    // Ids that are no tenant GUID are not looked up at all.
    await directory.prepare('../../etc');
    expect(directory.find('../../etc')).toBeUndefined();
    directory.close();
  });
});
