import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator';
import { visibleText } from './support/bot-harness';
import type { BotProcess, ConnectorDouble } from './support/bot-process';
import { startGraphBot, type GraphBot } from './support/graph-bot';
import { executedWrites } from './support/graph-fixtures';
import { MIXED, mixedGraphTenant, SKU_PREMIUM, SKU_STANDARD, type GraphTestServer } from './support/graph-server';
import { actionData, type Node, TEAMS_LOCALES } from './support/teams-chat';

// Issue 13, a user without a usage location, end to end through the bot as `npm start` runs it with
// TENANT_SOURCE=graph: the confirmation card offers to set the organisation's country for them first,
// and pressing it sets the usage location and then moves everyone.


describe.each(['en', 'pl'] as const)('a missing usage location set from the confirmation card, through the bot in %s', (lng) => {
  const t = translator(lng);
  let graph: GraphBot;
  let server: GraphTestServer;
  let bot: BotProcess;
  let connector: ConnectorDouble;

  beforeAll(async () => {
    graph = await startGraphBot({ server: { seed: mixedGraphTenant() } });
    ({ server, bot, connector } = graph);
  }, 60_000);

  afterAll(async () => {
    await graph?.close();
  });

  const say = async (extra: Record<string, unknown>) =>
    (await graph.send({ conversationId: `conv-location-${lng}`, aadObjectId: MIXED.admin, name: 'Ada Admin', locale: TEAMS_LOCALES[lng], extra })).activities as Node[];

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
