import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator';
import { visibleText } from './support/bot-harness';
import type { BotProcess, ConnectorDouble } from './support/bot-process';
import { startGraphBot, type GraphBot } from './support/graph-bot';
import { GROUP_MEMBER_NOT_CHOSEN, groupLicenceTenant, MIXED, SALES_GROUP, SERVICE_PLAN, SKU_PREMIUM, SKU_STANDARD, type GraphTestServer } from './support/graph-server';
import { actionData, type Node, TEAMS_LOCALES } from './support/teams-chat';

// Issue 13, item 3's other choice for users licensed by a group, end to end through the bot as
// `npm start` runs it with TENANT_SOURCE=graph, in English and Polish: the confirmation card offers,
// on a second card, to move the group's licence too, saying plainly that this changes the licence of
// every member (and how many were not chosen). Without the permission for groups the users are
// refused with the permission named; with it the group's licence is changed in one call, the members
// get it in the background, and the result counts them as moved.



describe.each(['en', 'pl'] as const)('a group\'s licence moved from the confirmation card, through the bot in %s', (lng) => {
  const t = translator(lng);
  let graph: GraphBot;
  let server: GraphTestServer;
  let bot: BotProcess;
  let connector: ConnectorDouble;

  beforeAll(async () => {
    graph = await startGraphBot({ server: { seed: groupLicenceTenant() } });
    ({ server, bot, connector } = graph);
  }, 60_000);

  afterAll(async () => {
    await graph?.close();
  });

  const say = async (extra: Record<string, unknown>) =>
    (await graph.send({ conversationId: `conv-group-${lng}`, aadObjectId: MIXED.admin, name: 'Ada Admin', locale: TEAMS_LOCALES[lng], extra })).activities as Node[];

  /** Chooses the users and answers the group card's confirmation id, after checking what the card says. */
  const offerFor = async (chosen: string[]) => {
    await say({ text: 'hello' });
    await say({ value: { verb: 'menu.open', flow: 'move-users' } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_STANDARD } });
    await say({ value: { verb: 'subscription.pick', subscriptionId: SKU_PREMIUM } });
    const plan = await say({ value: { verb: 'users.pick', userIds: chosen.join(','), page: 0 } });
    const text = visibleText(plan as never);
    expect(text).toContain(t('moveUsers:groupOffer.title', { count: 1, groups: 'Sales licences' }));
    // Every member of the group, chosen or not: Greta, Dorota and Gustaw; Gustaw was not chosen.
    expect(text).toContain(t('moveUsers:groupOffer.members', { count: 3, notChosen: 1 }));
    expect(text).toContain(t('moveUsers:groupOffer.everyMember', { group: 'Sales licences', count: 1 }));
    // Before confirming: members not chosen who also hold the old licence directly, and what finding them needs.
    expect(text).toContain(t('moveUsers:groupOffer.directAlso'));
    const confirms = actionData(plan, 'switch.confirm');
    expect(confirms).toHaveLength(2);
    return String(confirms[1]!.confirmationId);
  };
  const resultStartingWith = async (start: string) => {
    const deadline = Date.now() + 45_000;
    const find = () => connector.received.map((r) => String(r.activity.text ?? '')).find((message) => message.startsWith(start));
    while (!find() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return find();
  };

  it('without the permission for groups refuses the group\'s users naming the permission, and moves the others', async () => {
    server.denied.add(`POST /v1.0/groups/${SALES_GROUP}/assignLicense`);
    const confirmationId = await offerFor([MIXED.groupOnly, MIXED.directAndGroup, MIXED.plain[0]]);
    await say({ value: { verb: 'switch.confirm', confirmationId } });
    const message = await resultStartingWith(t('moveResult:summary', { moved: 1, count: 3, notMoved: 2 }));
    expect(message, bot.output()).toBeDefined();
    expect(message).toContain(t('moveResult:reasons.GROUP_LICENCE_NOT_ALLOWED.title', { count: 2, names: 'Greta Group, Dorota Both', groups: 'Sales licences' }));
    expect(message).toContain('LicenseAssignment.ReadWrite.All');
    expect(server.state.groupLicenceWrites).toEqual([]);
    expect(server.state.licences().get(MIXED.groupOnly)).toEqual([SKU_STANDARD]);
    server.denied.delete(`POST /v1.0/groups/${SALES_GROUP}/assignLicense`);
  }, 90_000);

  it('with it, changes the group\'s licence in one call, waits for its members, and counts them as moved', async () => {
    const confirmationId = await offerFor([MIXED.groupOnly, MIXED.directAndGroup, MIXED.plain[1]]);
    await say({ value: { verb: 'switch.confirm', confirmationId } });
    const message = await resultStartingWith(t('bot:switch.done.move', { count: 3 }));
    expect(message, bot.output()).toBeDefined();
    expect(server.state.groupLicenceWrites).toEqual([{ groupId: SALES_GROUP, add: [SKU_PREMIUM], remove: [SKU_STANDARD] }]);
    for (const id of [MIXED.groupOnly, MIXED.directAndGroup, MIXED.plain[1]]) expect(server.state.licences().get(id), id).toEqual([SKU_PREMIUM]);
    // The group's switched-off Yammer stays off in the new licence.
    expect(server.state.licenceDetails().get(MIXED.groupOnly)).toEqual([{ skuId: SKU_PREMIUM, disabledPlans: [SERVICE_PLAN.yammer.servicePlanId] }]);
    // Gustaw, not chosen, gets the new licence from the group too, when Entra processes him (here: when read).
    const gustaw = server.state.user(GROUP_MEMBER_NOT_CHOSEN)!;
    server.state.processMemberRead(gustaw);
    server.state.processMemberRead(gustaw);
    expect(server.state.licences().get(GROUP_MEMBER_NOT_CHOSEN)).toEqual([SKU_PREMIUM]);
  }, 90_000);
});
