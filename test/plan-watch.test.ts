import { TurnContext } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BlobContainer } from '../bot/storage/blob-container';
import { BlobPlanWatchStore } from '../bot/storage/blob-plan-watch-store';
import { openDatabase } from '../bot/storage/sqlite-database';
import { SqlitePlanWatchStore } from '../bot/storage/sqlite-plan-watch-store';
import { MemoryPlanWatchStore, type PlanWatchStore } from '../bot/watching/plan-watch';
import { startAzurite, type Azurite } from './support/azurite';
import type { TenantSnapshot } from '../domain/snapshot/schema';
import { parseSnapshot } from '../domain/snapshot/parse';
import { createLogger } from '../bot/logger';
import { PlanWatcher } from '../bot/watching/plan-watcher';
import type { PlanWatch } from '../bot/watching/plan-watch';
import { watchOutcome } from '../bot/watching/watch-outcome';
import { startTestBot, visibleText, type TestBot } from './support/bot-harness';

// A plan change bought in the admin centre, watched by the bot: the people and their switched-off
// services recorded first, the new plan looked for until it appears, the people moved to it through
// the move-users job, or what the admin centre's own upgrade lost named, and a give-up time.

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const anna = { tenantId: 'contoso', userId: 'u-anna', upn: 'anna@contoso.com', displayName: 'Anna Lind', roles: ['GlobalAdmin' as const], source: 'dev-picker' as const };

/** A watcher on the test bot's parts, with its own clock, whose proactive messages land in the bot's conversations. */
function watcherOn(test: TestBot, clock: { now: number }): PlanWatcher {
  return new PlanWatcher({
    store: test.parts.stores.watches,
    directory: test.parts.directory,
    switching: test.parts.switching,
    continueConversation: async (reference, logic) => {
      const activity = TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, reference, true);
      await logic(new TurnContext(test.adapter, activity));
    },
    logger: createLogger('silent'),
    now: () => new Date(clock.now),
    pollMs: 60_000,
    giveUpMs: 72 * 3_600_000,
  });
}

const reference = (id: string) => ({ channelId: 'test', serviceUrl: 'https://test.invalid', conversation: { id, isGroup: false, conversationType: 'personal', name: '' }, bot: { id: 'bot', name: 'Bot' }, user: { id: 'user', name: 'User' } });

async function contoso(test: TestBot): Promise<TenantSnapshot> {
  return test.parts.directory.find('contoso')!.gateway.readSnapshot();
}

/** Buys the plan as the admin centre would: a new subscription beside the old one. */
async function buy(test: TestBot, planId: string, addLicenses = 0): Promise<string> {
  const gateway = test.parts.directory.find('contoso')!.gateway;
  return (await gateway.createSubscription({ idempotencyKey: `buy-${planId}`, basedOnSubscriptionId: 'sub-standard', planId, startDate: '2026-12-04', addLicenses })).subscriptionId;
}

describe('a watched plan change on a tenant', () => {
  it('records the people and their switched-off services, waits, then moves them to the new plan once it appears', async () => {
    bot = await startTestBot();
    const clock = { now: Date.parse('2026-12-04T10:00:00Z') };
    const watcher = watcherOn(bot, clock);
    const watch = await watcher.begin({ identity: anna, tenantId: 'contoso', snapshot: await contoso(bot), fromSubscriptionId: 'sub-standard', toPlan: 'm365-business-premium', lng: 'en', conversation: reference('conv-watch') });
    expect(watch.holders.find((h) => h.userId === 'u-lars')).toEqual({ userId: 'u-lars', displayName: 'Lars Eriksson', disabledServices: ['yammer', 'teams'] });
    expect(watch.giveUpAt).toBe('2026-12-07T10:00:00.000Z');

    await watcher.round();
    expect(bot.drain('conv-watch')).toEqual([]);
    expect(await bot.parts.stores.watches.open()).toHaveLength(1);

    const premium = await buy(bot, 'm365-business-premium');
    await watcher.round();
    await bot.parts.switching.idle();
    const told = visibleText(bot.drain('conv-watch'));
    expect(told).toContain(`Microsoft 365 Business Premium is here. I'm moving ${watch.holders.length} people to it now`);
    const after = await contoso(bot);
    for (const holder of watch.holders) {
      const ids = after.users.find((u) => u.id === holder.userId)!.licenses.map((l) => l.subscriptionId);
      expect(ids).toContain(premium);
      expect(ids).not.toContain('sub-standard');
    }
    // Done with: the next round says nothing more.
    expect(await bot.parts.stores.watches.open()).toEqual([]);
    await watcher.round();
    expect(bot.drain('conv-watch')).toEqual([]);
  });

  it("names, in the admin's language, whose switched-off services the admin centre's upgrade switched on again", async () => {
    bot = await startTestBot();
    const clock = { now: Date.now() };
    const watcher = watcherOn(bot, clock);
    const watch = await watcher.begin({ identity: anna, tenantId: 'contoso', snapshot: await contoso(bot), fromSubscriptionId: 'sub-standard', toPlan: 'm365-business-premium', lng: 'sv', conversation: reference('conv-upgrade') });
    // The admin centre's Upgrade: everyone on the new plan, every service on.
    const premium = await buy(bot, 'm365-business-premium');
    await bot.parts.directory.find('contoso')!.gateway.replaceLicences(watch.holders.map((h) => ({ userId: h.userId, removeSubscriptionId: 'sub-standard', addSubscriptionId: premium })));
    await watcher.round();
    const told = visibleText(bot.drain('conv-upgrade'));
    expect(told).toContain('Microsoft 365 Business Premium finns nu, men uppgraderingen aktiverade tjänster som 2 personer hade inaktiverat.');
    expect(told).toContain('Lars Eriksson (Yammer (Viva Engage) och Microsoft Teams)');
    expect(told).toContain('Ingrid Berg (Yammer (Viva Engage))');
  });

  it('gives up at its give-up time, saying the plan never appeared, once', async () => {
    bot = await startTestBot();
    const clock = { now: Date.parse('2026-12-04T10:00:00Z') };
    const watcher = watcherOn(bot, clock);
    await watcher.begin({ identity: anna, tenantId: 'contoso', snapshot: await contoso(bot), fromSubscriptionId: 'sub-standard', toPlan: 'm365-business-premium', lng: 'pl', conversation: reference('conv-late') });
    clock.now = Date.parse('2026-12-07T09:59:59Z');
    await watcher.round();
    expect(bot.drain('conv-late')).toEqual([]);
    clock.now = Date.parse('2026-12-07T10:00:00Z');
    await watcher.round();
    expect(visibleText(bot.drain('conv-late'))).toContain('Nie obserwuję już planu Microsoft 365 Business Premium: do 7 grudnia 2026 się nie pojawił.');
    await watcher.round();
    expect(bot.drain('conv-late')).toEqual([]);
  });

  it('starts from the button for an administrator of the tenant, and refuses anyone else', async () => {
    bot = await startTestBot();
    const admin = bot.conversation();
    await admin.send({ verb: 'identity.pick', identity: 'contoso|u-anna' });
    const started = visibleText(await admin.send({ verb: 'watch.start', subscriptionId: 'sub-standard', planId: 'm365-business-premium' }));
    expect(started).toMatch(/^I'm watching for Microsoft 365 Business Premium\. I noted which services each of the \d+ people on Microsoft 365 Business Standard has switched off\./);
    expect(await bot.parts.stores.watches.open()).toHaveLength(1);
    const again = visibleText(await admin.send({ verb: 'watch.start', subscriptionId: 'sub-standard', planId: 'm365-business-premium' }));
    expect(again).toContain("I'm already watching for Microsoft 365 Business Premium");
    expect(await bot.parts.stores.watches.open()).toHaveLength(1);
    const forged = visibleText(await admin.send({ verb: 'watch.start', subscriptionId: 'sub-nowhere', planId: 'm365-business-premium' }));
    expect(forged).not.toContain("I'm watching");
    const user = bot.conversation();
    await user.send({ verb: 'identity.pick', identity: 'contoso|u-lars' });
    expect(visibleText(await user.send({ verb: 'watch.start', subscriptionId: 'sub-standard', planId: 'm365-business-premium' }))).toContain('Only an administrator who may assign licences');
    expect(await bot.parts.stores.watches.open()).toHaveLength(1);
  });
});

describe('what a look at the tenant says', () => {
  const base = (): { watch: PlanWatch; snapshot: TenantSnapshot } => {
    const parsed = parseSnapshot({
      tenant: { id: 't', name: 'T', domains: ['t.example'], billingAccountType: 'MOSA' },
      subscriptions: [
        { id: 'old', planId: 'm365-business-standard', status: 'active', purchasedLicenses: 5, startDate: '2026-01-01', renewalDate: '2027-01-01', billingFrequency: 'monthly', paymentMethod: 'credit-card', pricePerLicensePerMonth: 12.5, currency: 'EUR' },
      ],
      users: [
        { id: 'a', upn: 'a@t.example', displayName: 'A', licenses: [{ subscriptionId: 'old', disabledServices: ['yammer'] }] },
        { id: 'b', upn: 'b@t.example', displayName: 'B', licenses: [{ subscriptionId: 'old' }] },
      ],
    });
    if (!parsed.ok) throw new Error('snapshot');
    const watch = {
      id: 'w', tenantId: 't', requestedBy: anna, fromSubscriptionId: 'old', fromPlan: 'm365-business-standard', toPlan: 'm365-business-premium',
      holders: [{ userId: 'a', displayName: 'A', disabledServices: ['yammer'] }, { userId: 'b', displayName: 'B', disabledServices: [] }],
      createdAt: '', giveUpAt: '', lng: 'en', conversation: {}, state: 'watching',
    } satisfies PlanWatch;
    return { watch, snapshot: parsed.value };
  };
  const withNew = (snapshot: TenantSnapshot, licences: number, status: TenantSnapshot['subscriptions'][number]['status'] = 'active'): TenantSnapshot => ({
    ...snapshot,
    subscriptions: [...snapshot.subscriptions, { ...snapshot.subscriptions[0]!, id: 'new', planId: 'm365-business-premium', purchasedLicenses: licences, status }],
  });

  it('waits while the plan is missing or not live, and says how many licences are short', () => {
    const { watch, snapshot } = base();
    expect(watchOutcome(watch, snapshot)).toEqual({ kind: 'waiting' });
    expect(watchOutcome(watch, withNew(snapshot, 5, 'suspended'))).toEqual({ kind: 'waiting' });
    expect(watchOutcome(watch, withNew(snapshot, 1))).toEqual({ kind: 'short', toSubscriptionId: 'new', needed: 2, free: 1 });
    expect(watchOutcome(watch, withNew(snapshot, 2))).toEqual({ kind: 'move', toSubscriptionId: 'new', userIds: ['a', 'b'] });
  });

  it('is complete when everyone holds the new plan with their services, and names who lost some', () => {
    const { watch, snapshot } = base();
    const moved = (disabled: ('yammer' | 'teams')[]) => ({
      ...withNew(snapshot, 5),
      users: snapshot.users.map((u) => ({ ...u, licenses: [{ subscriptionId: 'new', disabledServices: u.id === 'a' ? disabled : [] }] })),
    });
    expect(watchOutcome(watch, moved(['yammer']))).toEqual({ kind: 'complete', toSubscriptionId: 'new' });
    expect(watchOutcome(watch, moved([]))).toEqual({ kind: 'customisations-lost', toSubscriptionId: 'new', lost: [{ userId: 'a', displayName: 'A', services: ['yammer'] }] });
  });
});

// The watch store keeps the same promises on every storage: of any number of closes, one wins.
let azurite: Azurite | undefined;
const storeDir = mkdtempSync(join(tmpdir(), 'plan-switch-watches-'));
afterAll(async () => {
  await azurite?.stop();
  rmSync(storeDir, { recursive: true, force: true });
});

describe.each([
  ['memory', async (): Promise<PlanWatchStore> => new MemoryPlanWatchStore()],
  ['sqlite', async (): Promise<PlanWatchStore> => new SqlitePlanWatchStore(openDatabase(join(storeDir, `w-${Math.random()}.sqlite`)))],
  ['blob', async (): Promise<PlanWatchStore> => {
    azurite ??= await startAzurite();
    return new BlobPlanWatchStore(new BlobContainer(azurite.connectionString, azurite.newContainer()));
  }],
])('plan watches on %s storage', (_name, open) => {
  it('lists open watches until one close wins', async () => {
    const store = await open();
    const watch = (id: string): PlanWatch => ({
      id, tenantId: 'contoso', requestedBy: anna, fromSubscriptionId: 'sub-standard', fromPlan: 'm365-business-standard', toPlan: 'm365-business-premium',
      holders: [{ userId: 'u-lars', displayName: 'Lars Eriksson', disabledServices: ['yammer'] }], createdAt: '2026-12-04T10:00:00.000Z', giveUpAt: '2026-12-07T10:00:00.000Z',
      lng: 'sv', conversation: reference('c'), state: 'watching',
    });
    await store.save(watch('w1'));
    await store.save(watch('w2'));
    expect((await store.open()).map((w) => w.id).sort()).toEqual(['w1', 'w2']);
    expect((await store.open()).find((w) => w.id === 'w1')!.holders[0]!.disabledServices).toEqual(['yammer']);
    const closes = await Promise.all([store.close('w1', 'done'), store.close('w1', 'gave-up'), store.close('w1', 'moving')]);
    expect(closes.filter(Boolean)).toHaveLength(1);
    expect((await store.open()).map((w) => w.id)).toEqual(['w2']);
    expect(await store.close('nope', 'done')).toBe(false);
  }, 60_000);
});
