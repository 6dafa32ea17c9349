import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../bot/config';
import { estimateMoveSeconds } from '../graph';
import { visibleText } from './support/bot-harness';
import type { BotProcess, ConnectorDouble } from './support/bot-process';
import { startGraphBot, type GraphBot } from './support/graph-bot';
import { executedWrites } from './support/graph-fixtures';
import { SKU_POWER_BI, SKU_PREMIUM, SKU_STANDARD, syntheticGraphTenant, userId, type GraphTestServer } from './support/graph-server';
import { actionData, findAll, type Node } from './support/teams-chat';

// The bot with TENANT_SOURCE=graph, as `npm start` runs it, on the local Graph test server (HTTPS with
// its own CA, trusted through NODE_EXTRA_CA_CERTS): Teams-style activities of the tenant's licence
// administrator, the automatic change refused in favour of the admin centre, and a move of two users
// run to the end through Graph.

let graph: GraphBot;
let server: GraphTestServer;
let bot: BotProcess;
let connector: ConnectorDouble;
let dataDir: string;

beforeAll(async () => {
  // Every service healthy, so nothing but Graph itself stands in the way of the automatic change.
  const seed = syntheticGraphTenant({ users: 30, powerBiEvery: 7 });
  seed.health = seed.health.map((h) => ({ ...h, status: 'serviceOperational' }));
  graph = await startGraphBot({ server: { seed, pageSize: 8 }, settings: { billingAccountType: 'MOSA', defaults: { currency: 'EUR', paymentMethod: 'invoice' } } });
  ({ server, bot, connector, dataDir } = graph);
}, 60_000);

afterAll(async () => {
  await graph?.close();
});

/** A Teams activity from the tenant's Billing and License administrator (user 1). */
const teams = (conversationId: string, extra: Record<string, unknown>) =>
  graph.send({ conversationId, aadObjectId: userId(1), name: 'User 1', extra });

describe('the bot on a tenant read through Microsoft Graph', () => {
  it('refuses a Graph source without its settings, naming the variables', () => {
    const app = { MicrosoftAppId: 'plan-switch-test-app', MicrosoftAppPassword: 'Test-Only-Secret-5b7d2a' };
    const parsed = parseConfig({ TENANT_SOURCE: 'graph', GRAPH_TENANT_ID: 'contoso.example', ...app });
    expect(!parsed.ok && parsed.message).toMatch(/^configuration: GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET: required with TENANT_SOURCE=graph$/);
    const badFile = parseConfig({ TENANT_SOURCE: 'graph', ...app, ...server.env(), GRAPH_SETTINGS_FILE: join(dataDir, 'missing.json') });
    expect(!badFile.ok && badFile.message).toContain('GRAPH_SETTINGS_FILE');
  });

  it('offers no automatic change: it explains that the admin centre sells it, and offers moving users and the manual way', async () => {
    const hello = await teams('conv-change', { text: 'hello' });
    expect(hello.status).toBe(200);
    expect(visibleText(hello.activities as Node[])).toContain('What would you like to do?');
    await teams('conv-change', { value: { verb: 'menu.open', flow: 'change-plan' } });
    const plans = await teams('conv-change', { value: { verb: 'subscription.pick', subscriptionId: SKU_STANDARD } });
    expect(visibleText(plans.activities as Node[])).toContain('Which plan');
    const result = await teams('conv-change', { value: { verb: 'plan.pick', planId: 'm365-business-premium' } });
    const text = visibleText(result.activities as Node[]);
    expect(text).toContain('Allowed, but it is bought in the admin centre');
    expect(text).toContain('Buy this change in the Microsoft 365 admin centre');
    expect(text).toContain('Microsoft 365 Business Premium in the Microsoft 365 admin centre');
    expect(actionData(result.activities as Node[], 'switch.confirm')).toEqual([]);
    const flows = actionData(result.activities as Node[], 'menu.open').map((d) => d.flow);
    expect(flows).toEqual(expect.arrayContaining(['move-users', 'manual']));
    expect(server.writes).toHaveLength(0);
  });

  it('moves two users to the target licence through Graph, telling the estimated time first', async () => {
    await teams('conv-move', { text: 'hello' });
    const sources = await teams('conv-move', { value: { verb: 'menu.open', flow: 'move-users' } });
    // The SKU the catalogue does not know (Power BI) is never offered.
    expect(JSON.stringify((sources.activities as Node[]).map((a) => a.attachments))).not.toContain(SKU_POWER_BI);
    // Standard is the only subscription with holders and Premium the only other one the catalogue knows:
    // the flow takes both without asking, or asks for them in turn.
    const userChoices = (activities: Node[]) => findAll(activities, (n) => n.type === 'Input.ChoiceSet' && n.id === 'userIds')[0]?.choices as { value: string }[] | undefined;
    let reply = sources.activities as Node[];
    for (const pick of [SKU_STANDARD, SKU_PREMIUM]) {
      if (userChoices(reply)) break;
      reply = (await teams('conv-move', { value: { verb: 'subscription.pick', subscriptionId: pick } })).activities as Node[];
    }
    expect(visibleText(reply)).toContain('From Microsoft 365 Business Standard');
    const choices = userChoices(reply)!;
    const chosen = [choices[2]!.value, choices[3]!.value];
    const plan = await teams('conv-move', { value: { verb: 'users.pick', userIds: chosen.join(','), page: 0 } });
    const planText = visibleText(plan.activities as Node[]);
    expect(planText).toContain('Confirm the move');
    expect(planText).toContain('Estimated time');
    expect(estimateMoveSeconds(2)).toBeLessThan(60);
    expect(planText).toContain('Under a minute');
    expect(planText).toContain('Microsoft Graph limits how many licence changes');
    const [confirm] = actionData(plan.activities as Node[], 'switch.confirm');
    expect(confirm).toBeDefined();

    const pressed = await teams('conv-move', { value: { verb: 'switch.confirm', confirmationId: confirm!.confirmationId } });
    expect(visibleText(pressed.activities as Node[])).toContain('Confirmed');
    const deadline = Date.now() + 30_000;
    const done = () => connector.received.some((r) => r.conversationId === 'conv-move' && /^Done/.test(String(r.activity.text ?? '')));
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done(), bot.output()).toBe(true);

    // The server's own state: both users hold Premium and not Standard; each was written to exactly once.
    const licences = server.state.licences();
    for (const id of chosen) expect(licences.get(id)).toEqual([SKU_PREMIUM]);
    const writes = executedWrites(server);
    expect([...writes.keys()].sort()).toEqual([...chosen].sort());
    for (const id of chosen) expect(writes.get(id)).toBe(1);
    // Everyone else is as they were.
    expect([...licences.entries()].filter(([, skus]) => skus.includes(SKU_PREMIUM))).toHaveLength(2);
  }, 60_000);
});
