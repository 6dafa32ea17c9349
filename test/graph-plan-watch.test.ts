import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YOUR_PRODUCTS_URL } from '../cards/admin-centre-card';
import { visibleText } from './support/bot-harness';
import type { ConnectorDouble } from './support/bot-process';
import { startGraphBot, type GraphBot } from './support/graph-bot';
import { SERVICE_PLAN, SKU_PREMIUM, SKU_STANDARD, syntheticGraphTenant, userId, type GraphTestServer } from './support/graph-server';
import { findAll, type Node } from './support/teams-chat';

// The admin centre hand-off on a tenant read through Microsoft Graph (one tenant, GRAPH_TENANT_ID set,
// as before): the card links to Your products and offers a watch; the admin buys Business Premium
// "in the admin centre" (here: the local Graph server's tenant gains the SKU and its subscription), and
// the bot, looking every second, moves everyone on Business Standard to it through Graph, their
// switched-off services carried over.


let graph: GraphBot;
let server: GraphTestServer;
let connector: ConnectorDouble;
let premiumLater: { sku: GraphTestServer['state']['skus'][number]; subscription: GraphTestServer['state']['subscriptions'][number] };

beforeAll(async () => {
  const seed = syntheticGraphTenant({ users: 8, yammerOffEvery: 3 });
  seed.health = seed.health.map((h) => ({ ...h, status: 'serviceOperational' }));
  // Business Premium is not bought yet.
  premiumLater = { sku: seed.skus.find((s) => s.skuId === SKU_PREMIUM)!, subscription: seed.subscriptions.find((s) => s.skuId === SKU_PREMIUM)! };
  seed.skus = seed.skus.filter((s) => s.skuId !== SKU_PREMIUM);
  seed.subscriptions = seed.subscriptions.filter((s) => s.skuId !== SKU_PREMIUM);
  graph = await startGraphBot({ server: { seed }, env: { PLAN_WATCH_POLL_SECONDS: '1' } });
  ({ server, connector } = graph);
}, 60_000);

afterAll(async () => {
  await graph?.close();
});

const teams = (extra: Record<string, unknown>) => graph.send({ conversationId: 'conv-watch', aadObjectId: userId(1), name: 'User 1', extra });

describe('watching a plan change bought in the admin centre, on Graph', () => {
  it('links to Your products, watches, and moves everyone to the new plan with their switched-off services once it is bought', async () => {
    await teams({ text: 'hello' });
    await teams({ value: { verb: 'menu.open', flow: 'change-plan' } });
    await teams({ value: { verb: 'subscription.pick', subscriptionId: SKU_STANDARD } });
    const result = (await teams({ value: { verb: 'plan.pick', planId: 'm365-business-premium' } })).activities as Node[];
    expect(visibleText(result)).toContain('Buy this change in the Microsoft 365 admin centre');
    expect(findAll(result, (n) => n.type === 'Action.OpenUrl')).toEqual([expect.objectContaining({ url: YOUR_PRODUCTS_URL, title: 'Open Your products' })]);
    const [watch] = findAll(result, (n) => (n.data as Node | undefined)?.verb === 'watch.start').map((n) => n.data as Node);
    expect(watch).toEqual({ verb: 'watch.start', subscriptionId: SKU_STANDARD, planId: 'm365-business-premium' });

    const started = visibleText((await teams({ value: watch })).activities as Node[]);
    expect(started).toContain("I'm watching for Microsoft 365 Business Premium. I noted which services each of the 8 people on Microsoft 365 Business Standard has switched off.");
    // The watch looks at the tenant (a fresh read of subscribedSkus) and moves nothing while the plan is not bought.
    const seen = server.log.length;
    const looked = () => server.log.slice(seen).some((r) => r.path === '/v1.0/subscribedSkus');
    for (const until = Date.now() + 20_000; !looked() && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(looked()).toBe(true);
    expect(server.writes).toHaveLength(0);

    server.state.skus.push(premiumLater.sku);
    server.state.subscriptions.push(premiumLater.subscription);
    const deadline = Date.now() + 30_000;
    const allMoved = () => [...server.state.licences().values()].every((skus) => skus.includes(SKU_PREMIUM) && !skus.includes(SKU_STANDARD));
    while (!allMoved() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(allMoved(), graph.bot.output()).toBe(true);
    // The admin hears it in the conversation the watch was started from: the move, then its end.
    const said = () => connector.received.filter((r) => r.conversationId === 'conv-watch').map((r) => String(r.activity.text ?? ''));
    for (const until = Date.now() + 30_000; !said().some((text) => /^Done/.test(text)) && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(said()).toContainEqual(expect.stringContaining("Microsoft 365 Business Premium is here. I'm moving 8 people to it now"));
    expect(said()).toContainEqual(expect.stringMatching(/^Done/));
    // Every third person had Yammer switched off on Standard: still off on Premium.
    const details = server.state.licenceDetails();
    for (let n = 0; n < 8; n++) {
      const premium = details.get(userId(n))!.find((l) => l.skuId === SKU_PREMIUM)!;
      expect(premium.disabledPlans.includes(SERVICE_PLAN.yammer.servicePlanId), `user ${n}`).toBe(n % 3 === 0);
    }
  }, 60_000);
});

describe("after the admin centre's own upgrade, on Graph", () => {
  let second: GraphBot;
  let upgraded: GraphTestServer;
  let premium: typeof premiumLater;

  beforeAll(async () => {
    const seed = syntheticGraphTenant({ users: 6, yammerOffEvery: 2 });
    seed.health = seed.health.map((h) => ({ ...h, status: 'serviceOperational' }));
    premium = { sku: seed.skus.find((s) => s.skuId === SKU_PREMIUM)!, subscription: seed.subscriptions.find((s) => s.skuId === SKU_PREMIUM)! };
    seed.skus = seed.skus.filter((s) => s.skuId !== SKU_PREMIUM);
    seed.subscriptions = seed.subscriptions.filter((s) => s.skuId !== SKU_PREMIUM);
    second = await startGraphBot({ server: { seed }, env: { PLAN_WATCH_POLL_SECONDS: '1' } });
    upgraded = second.server;
  }, 60_000);

  afterAll(async () => {
    await second?.close();
  });

  it('switches off again the services the upgrade switched on for everyone', async () => {
    const send = (extra: Record<string, unknown>) => second.send({ conversationId: 'conv-upgrade', aadObjectId: userId(1), name: 'User 1', locale: 'sv-SE', extra });
    await send({ text: 'hej' });
    const started = visibleText((await send({ value: { verb: 'watch.start', subscriptionId: SKU_STANDARD, planId: 'm365-business-premium' } })).activities as Node[]);
    expect(started).toContain('Jag bevakar Microsoft 365 Business Premium.');
    // The admin centre's Upgrade: Premium bought, everyone moved to it with every service on, Standard gone.
    upgraded.state.skus.push(premium.sku);
    upgraded.state.subscriptions.push(premium.subscription);
    for (const user of upgraded.state.users) user.assignedLicenses = [{ skuId: SKU_PREMIUM, disabledPlans: [] }];
    const yammerOff = (n: number) => upgraded.state.licenceDetails().get(userId(n))!.find((l) => l.skuId === SKU_PREMIUM)!.disabledPlans.includes(SERVICE_PLAN.yammer.servicePlanId);
    const deadline = Date.now() + 30_000;
    while (![0, 2, 4].every(yammerOff) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    for (let n = 0; n < 6; n++) expect(yammerOff(n), `user ${n}`).toBe(n % 2 === 0);
    const told = () => second.connector.received.filter((r) => r.conversationId === 'conv-upgrade').map((r) => String(r.activity.text ?? ''));
    for (const until = Date.now() + 30_000; told().length === 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(told()).toEqual([expect.stringContaining('Uppgraderingen hade aktiverat tjänster som 3 personer hade inaktiverat; jag har inaktiverat dem igen: User 0 (Yammer (Viva Engage))')]);
    // Nobody lost or gained a licence on the way.
    for (const skus of upgraded.state.licences().values()) expect(skus).toEqual([SKU_PREMIUM]);
  }, 60_000);
});
