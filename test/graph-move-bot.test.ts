import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator';
import { visibleText } from './support/bot-harness';
import type { BotProcess, ConnectorDouble } from './support/bot-process';
import { startGraphBot, type GraphBot } from './support/graph-bot';
import { executedWrites } from './support/graph-fixtures';
import { MIXED, mixedGraphTenant, SERVICE_PLAN, SKU_KIOSK, SKU_PREMIUM, SKU_STANDARD, type GraphTestServer } from './support/graph-server';
import { actionData, findAll, type Node, TEAMS_LOCALES } from './support/teams-chat';

// Issue 13's "done when", end to end through the bot as `npm start` runs it with TENANT_SOURCE=graph, in
// each language: the licence administrator of a mixed tenant (direct, group-only and direct+group
// licences, a user without a usage location, switched-off services, an Exchange plan beside a Kiosk
// one) moves nine users from Business Standard to Business Premium while another admin takes the last
// free Premium licences half-way. The confirmation card says beforehand who will not move and why; the
// move runs to the end; the result names everyone not moved with the reason and what to do, with exact
// counts, and so does the status card; the tenant ends with customisations intact, nobody without a
// licence and nobody with both.

const CHOSEN = [MIXED.customised, MIXED.kiosk, MIXED.groupOnly, MIXED.directAndGroup, MIXED.noLocation, ...MIXED.plain];


describe.each(['en', 'pl', 'sv', 'nb'] as const)('a mixed tenant moved through the bot in %s', (lng) => {
  const t = translator(lng);
  let graph: GraphBot;
  let server: GraphTestServer;
  let bot: BotProcess;
  let connector: ConnectorDouble;

  beforeAll(async () => {
    graph = await startGraphBot({ server: { seed: mixedGraphTenant() }, settings: { billingAccountType: 'MOSA', defaults: { currency: 'PLN', paymentMethod: 'invoice' } } });
    ({ server, bot, connector } = graph);
  }, 60_000);

  afterAll(async () => {
    await graph?.close();
  });

  const say = async (extra: Record<string, unknown>) =>
    (await graph.send({ conversationId: `conv-${lng}`, aadObjectId: MIXED.admin, name: 'Ada Admin', locale: TEAMS_LOCALES[lng], extra })).activities as Node[];

  it('shows who will not move and why before anything is written, then moves the rest to the end with exact, named results', async () => {
    await say({ text: 'hello' });
    await say({ value: { verb: 'menu.open', flow: 'move-users' } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_STANDARD } });
    const users = await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_PREMIUM } });
    expect(findAll(users, (n) => n.type === 'Input.ChoiceSet' && n.id === 'userIds')).toHaveLength(1);
    const plan = await say({ value: { verb: 'users.pick', userIds: CHOSEN.join(','), page: 0 } });
    const planText = visibleText(plan as never);

    // The pre-flight, on the confirmation card, in the admin's language.
    expect(planText).toContain(t('moveResult:preflight.group', { count: 2, groups: 'Sales licences', names: 'Greta Group, Dorota Both' }));
    expect(planText).toContain(t('moveResult:preflight.noLocation', { count: 1, names: 'Nils Nowhere' }));
    expect(planText).toContain(
      t('moveResult:preflight.carried', { list: `Celina Custom (${t('rules:services.yammer')}); Kai Kiosk (${t('rules:services.exchange')})` }),
    );
    expect(planText).toContain(t('moveResult:status.moved', { moved: 6, count: 9 }));
    expect(server.writes).toEqual([]);

    // Another admin takes the last free Premium licences after our fourth write.
    server.afterApplied = (applied) => {
      if (applied === 4) server.state.skus.find((s) => s.skuId === SKU_PREMIUM)!.prepaidEnabled = server.state.consumed(SKU_PREMIUM);
    };
    const [confirm] = actionData(plan, 'switch.confirm');
    expect(confirm, planText).toBeDefined();
    await say({ value: { verb: 'switch.confirm', confirmationId: confirm!.confirmationId } });

    // The status card, asked for while the move runs, ends with the exact counts and the reasons.
    const statusText = async () => visibleText((await say({ text: 'status' })) as never);
    const deadline = Date.now() + 30_000;
    let status = await statusText();
    while (!status.includes(t('moveResult:status.notMovedLabel')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await statusText();
    }
    expect(status, bot.output()).toContain(t('moveResult:status.moved', { moved: 4, count: 9 }));
    expect(status).toContain(t('moveResult:status.reason', { reason: t('moveResult:short.NOT_ENOUGH_LICENSES'), count: 2 }));
    expect(status).toContain(t('moveResult:status.reason', { reason: t('moveResult:short.LICENSED_BY_GROUP'), count: 2 }));
    expect(status).toContain(t('moveResult:status.reason', { reason: t('moveResult:short.USAGE_LOCATION_MISSING'), count: 1 }));

    // The tenant: customisations intact, nobody without a licence, nobody with both, each user written at most once.
    const details = server.state.licenceDetails();
    expect(details.get(MIXED.customised)).toEqual([{ skuId: SKU_PREMIUM, disabledPlans: [SERVICE_PLAN.yammer.servicePlanId] }]);
    expect(details.get(MIXED.kiosk)).toEqual(
      expect.arrayContaining([
        { skuId: SKU_KIOSK, disabledPlans: [] },
        { skuId: SKU_PREMIUM, disabledPlans: [SERVICE_PLAN.exchange.servicePlanId] },
      ]),
    );
    for (const [id, skus] of server.state.licences()) {
      expect(skus.length, id).toBeGreaterThan(0);
      expect(skus.includes(SKU_STANDARD) && skus.includes(SKU_PREMIUM), id).toBe(false);
    }
    for (const id of [MIXED.plain[0], MIXED.plain[1]]) expect(server.state.licences().get(id)).toEqual([SKU_PREMIUM]);
    for (const id of [MIXED.plain[2], MIXED.plain[3]]) expect(server.state.licences().get(id)).toEqual([SKU_STANDARD]);
    for (const count of executedWrites(server).values()) expect(count).toBe(1);
    for (const id of [MIXED.groupOnly, MIXED.directAndGroup, MIXED.noLocation]) expect(executedWrites(server).has(id), id).toBe(false);

    // The admin's conversation hears the result: counts, each reason in words with what to do, and the names.
    const summary = t('moveResult:summary', { moved: 4, count: 9, notMoved: 5 });
    const result = () => connector.received.map((r) => String(r.activity.text ?? '')).find((text) => text.startsWith(summary));
    while (!result() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const text = result();
    expect(text, `${bot.output()}\n${connector.received.map((r) => r.activity.text).join('\n')}`).toBeDefined();
    expect(text).toContain(t('moveResult:reasons.NOT_ENOUGH_LICENSES.title', { count: 2, names: 'Paula Plain 3, Paula Plain 4' }));
    expect(text).toContain(t('moveResult:reasons.NOT_ENOUGH_LICENSES.fix', { count: 2 }));
    expect(text).toContain(t('moveResult:reasons.LICENSED_BY_GROUP.title', { count: 2, groups: 'Sales licences', names: 'Greta Group, Dorota Both' }));
    expect(text).toContain(t('moveResult:reasons.LICENSED_BY_GROUP.fix'));
    expect(text).toContain(t('moveResult:reasons.USAGE_LOCATION_MISSING.title', { count: 1, names: 'Nils Nowhere' }));
    expect(text).not.toMatch(/LICENCE_REPLACEMENT_FAILED|NOT_ENOUGH_LICENSES|LICENSED_BY_GROUP|USAGE_LOCATION_MISSING/);
  }, 90_000);
});
