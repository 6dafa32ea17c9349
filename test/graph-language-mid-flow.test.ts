import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../i18n/languages';
import { translator } from '../i18n/translator';
import { visibleText } from './support/bot-harness';
import { exchange, startBotProcess, startConnectorDouble, type BotProcess, type ConnectorDouble } from './support/bot-process';
import { englishLeaks } from './support/english-leak';
import { groupLicenceTenant, MIXED, SKU_PREMIUM, SKU_STANDARD, startGraphServer, type GraphTestServer } from './support/graph-server';

// Issue 16, item 6, on the cards only a tenant read through Graph shows: a move whose users hold the old
// licence from a group ends on two confirmation cards (the move, and the move of the group's licence).
// A change of language shows both again in the new language with the same confirmations, so a press on
// the redrawn card and one on the old card are one decision: declined on the new one, the old one is
// answered as already handled and nothing is written to Graph.

const CA_FILE = join(import.meta.dirname, 'support', 'graph-server', 'tls', 'server-cert.pem');
const LOCALES: Record<Language, string> = { en: 'en-US', pl: 'pl-PL', sv: 'sv-SE', nb: 'nb-NO' };
const PAIRS = LANGUAGES.map((from, i): [Language, Language] => [from, LANGUAGES[(i + 1) % LANGUAGES.length]!]);

type Node = Record<string, unknown>;
function actionData(activities: Node[], verb: string): Node[] {
  const found: Node[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const data = (node as Node).data as Node | undefined;
    if (data?.verb === verb) found.push(data);
    Object.values(node).forEach(walk);
  };
  activities.forEach((a) => walk(a.attachments));
  return found;
}

let server: GraphTestServer;
let bot: BotProcess;
let connector: ConnectorDouble;
let dataDir: string;
let counter = 0;

beforeAll(async () => {
  server = await startGraphServer({ seed: groupLicenceTenant() });
  connector = await startConnectorDouble();
  dataDir = mkdtempSync(join(tmpdir(), 'plan-switch-graph-language-'));
  bot = await startBotProcess({ ...server.env(), TENANT_SOURCE: 'graph', NODE_EXTRA_CA_CERTS: CA_FILE, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
}, 60_000);

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await connector?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.each(PAIRS)('the group licence card from %s to %s', (from, to) => {
  it('comes again in the new language with the same confirmations; declined on the new card, the old card starts nothing', async () => {
    const before = translator(from);
    const after = translator(to);
    const say = async (extra: Record<string, unknown>) =>
      (
        await exchange(bot.port, {
          type: 'message',
          id: `l-${++counter}`,
          channelId: 'msteams',
          serviceUrl: connector.serviceUrl,
          conversation: { id: `conv-language-${from}`, conversationType: 'personal', tenantId: server.tenantId },
          channelData: { tenant: { id: server.tenantId } },
          from: { id: `29:ada-${from}`, name: 'Ada Admin', aadObjectId: MIXED.admin },
          recipient: { id: '28:bot', name: 'Plan Switch' },
          locale: LOCALES[from],
          text: '',
          ...extra,
        })
      ).activities as Node[];

    await say({ text: 'hello' });
    await say({ value: { verb: 'menu.open', flow: 'move-users' } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_STANDARD } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_PREMIUM } });
    const shown = await say({ value: { verb: 'users.pick', userIds: [MIXED.groupOnly, MIXED.directAndGroup, MIXED.plain[0]].join(','), page: 0 } });
    expect(visibleText(shown as never)).toContain(before('moveUsers:groupOffer.title', { count: 1, groups: 'Sales licences' }));
    const oldConfirms = actionData(shown, 'switch.confirm');
    expect(oldConfirms).toHaveLength(2);

    const changed = await say({ value: { verb: 'language.pick', language: to } });
    const text = visibleText(changed as never);
    expect(text).toContain(after('bot:language.changed'));
    expect(text).toContain(after('moveUsers:confirm.title'));
    expect(text).toContain(after('moveUsers:groupOffer.title', { count: 1, groups: 'Sales licences' }));
    expect(text).toContain(after('moveUsers:groupOffer.members', { count: 3, notChosen: 1 }));
    expect(englishLeaks(text, to)).toEqual([]);
    // The same two confirmations: none was offered again.
    expect(actionData(changed, 'switch.confirm')).toEqual(oldConfirms);

    const groupConfirmationId = oldConfirms[1]!.confirmationId;
    expect(visibleText((await say({ value: { verb: 'switch.decline', confirmationId: groupConfirmationId } })) as never)).toContain(after('bot:switch.declined'));
    expect(visibleText((await say({ value: { verb: 'switch.confirm', confirmationId: groupConfirmationId } })) as never)).toContain(after('bot:switch.alreadyHandled'));
    expect(server.state.groupLicenceWrites).toEqual([]);
    expect(server.state.licences().get(MIXED.groupOnly)).toEqual([SKU_STANDARD]);
  }, 90_000);
});
