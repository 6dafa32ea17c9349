import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { visibleText } from './support/bot-harness';
import { exchange, startBotProcess, startConnectorDouble, type BotProcess, type ConnectorDouble } from './support/bot-process';
import { executedWrites } from './support/graph-fixtures';
import { MIXED, mixedGraphTenant, SERVICE_PLAN, SKU_KIOSK, SKU_PREMIUM, SKU_STANDARD, startGraphServer, type GraphTestServer } from './support/graph-server';

// (Shared setup with graph-move-bot.test.ts.) Issue 13's "done when", end to end through the bot as `npm start` runs it with TENANT_SOURCE=graph, in
// each language: the licence administrator of a mixed tenant (direct, group-only and direct+group
// licences, a user without a usage location, switched-off services, an Exchange plan beside a Kiosk
// one) moves nine users from Business Standard to Business Premium while another admin takes the last
// free Premium licences half-way. The confirmation card says beforehand who will not move and why; the
// move runs to the end; the result names everyone not moved with the reason and what to do, with exact
// counts, and so does the status card; the tenant ends with customisations intact, nobody without a
// licence and nobody with both.

const CA_FILE = join(import.meta.dirname, 'support', 'graph-server', 'tls', 'server-cert.pem');
const LOCALES: Record<Language, string> = { en: 'en-US', pl: 'pl-PL', sv: 'sv-SE', nb: 'nb-NO' };
const CHOSEN = [MIXED.customised, MIXED.kiosk, MIXED.groupOnly, MIXED.directAndGroup, MIXED.noLocation, ...MIXED.plain];

type Node = Record<string, unknown>;
function findAll(activities: Node[], match: (node: Node) => boolean): Node[] {
  const found: Node[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (match(node as Node)) found.push(node as Node);
    Object.values(node).forEach(walk);
  };
  activities.forEach((a) => walk(a.attachments));
  return found;
}
const actionData = (activities: Node[], verb: string) => findAll(activities, (n) => (n.data as Node | undefined)?.verb === verb).map((n) => n.data as Node);

describe.each(['en', 'pl'] as const)('a missing usage location set from the confirmation card, through the bot in %s', (lng) => {
  const t = translator(lng);
  let server: GraphTestServer;
  let bot: BotProcess;
  let connector: ConnectorDouble;
  let dataDir: string;
  let counter = 0;

  beforeAll(async () => {
    server = await startGraphServer({ seed: mixedGraphTenant() });
    connector = await startConnectorDouble();
    dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-graph-location-'));
    bot = await startBotProcess({ ...server.env(), TENANT_SOURCE: 'graph', NODE_EXTRA_CA_CERTS: CA_FILE, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop('SIGKILL');
    await connector?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const say = async (extra: Record<string, unknown>) =>
    (
      await exchange(bot.port, {
        type: 'message',
        id: `l-${++counter}`,
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        conversation: { id: `conv-location-${lng}`, conversationType: 'personal', tenantId: server.tenantId },
        channelData: { tenant: { id: server.tenantId } },
        from: { id: `29:ada-${lng}`, name: 'Ada Admin', aadObjectId: MIXED.admin },
        recipient: { id: '28:bot', name: 'Plan Switch' },
        locale: LOCALES[lng],
        text: '',
        ...extra,
      })
    ).activities as Node[];

  it('offers the organisation\'s country on a second card; pressing it sets the usage location first and moves everyone', async () => {
    await say({ text: 'hello' });
    await say({ value: { verb: 'menu.open', flow: 'move-users' } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_STANDARD } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_PREMIUM } });
    const chosen = [MIXED.noLocation, MIXED.plain[0], MIXED.plain[1]];
    const plan = await say({ value: { verb: 'users.pick', userIds: chosen.join(','), page: 0 } });
    const text = visibleText(plan as never);
    const country = `${new Intl.DisplayNames([lng], { type: 'region' }).of('PL')} (PL)`;
    expect(text).toContain(t('moveResult:location.intro', { count: 1, names: 'Nils Nowhere', country }));
    const confirms = actionData(plan, 'switch.confirm');
    expect(confirms).toHaveLength(2);
    await say({ value: { verb: 'switch.confirm', confirmationId: confirms[1]!.confirmationId } });

    const done = t('bot:switch.done.move', { count: 3 });
    const deadline = Date.now() + 30_000;
    const result = () => connector.received.map((r) => String(r.activity.text ?? '')).find((message) => message.startsWith(done));
    while (!result() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(result(), bot.output()).toBeDefined();
    expect(server.locationsSet).toEqual([{ userId: MIXED.noLocation, usageLocation: 'PL' }]);
    for (const id of chosen) expect(server.state.licences().get(id), id).toEqual([SKU_PREMIUM]);
    for (const count of executedWrites(server).values()) expect(count).toBe(1);
  }, 90_000);
});
