import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryJobStore } from '../domain/gateways/in-memory-job-store';
import { SwitchRunner } from '../domain/switch-runner';
import { FakeClock, graphRig, type GraphRig } from './support/graph-fixtures';
import {
  FIELD_GROUP,
  KIOSK_PLAN,
  MIXED,
  mixedGraphTenant,
  SALES_GROUP,
  SERVICE_PLAN,
  SKU_APPS,
  SKU_KIOSK,
  SKU_PREMIUM,
  SKU_STANDARD,
  type GraphTestServer,
} from './support/graph-server';

// What real tenants hold, moved through the Graph gateway against the local Graph server: licences
// that come from groups, users without a usage location, service customisations, plans that exclude each
// other, licences running out half-way and a whole $batch throttled. Each "what breaks today" point of
// issue 13 is reproduced here.

let rig: GraphRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const move = (userId: string, from = SKU_STANDARD, to = SKU_PREMIUM) => ({ userId, removeSubscriptionId: from, addSubscriptionId: to });
const writesTo = (server: GraphTestServer, userId: string) => server.writes.filter((w) => w.userId === userId);
const ALL = [MIXED.customised, MIXED.kiosk, MIXED.groupOnly, MIXED.directAndGroup, MIXED.noLocation, ...MIXED.plain];

/** Nobody without a licence, nobody with both Standard and Premium. */
function expectNobodyUnlicensedOrDouble(server: GraphTestServer): void {
  for (const [id, skus] of server.state.licences()) {
    expect(skus.length, `${id} has a licence`).toBeGreaterThan(0);
    expect(skus.includes(SKU_STANDARD) && skus.includes(SKU_PREMIUM), `${id} holds both`).toBe(false);
  }
}

describe('moving licences on a real tenant through Graph', () => {
  it('keeps a user’s switched-off services: the target gets the same plans off, not disabledPlans: []', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.customised)]);
    expect(outcome.items).toEqual([{ userId: MIXED.customised, status: 'done' }]);
    expect(rig.server.state.licenceDetails().get(MIXED.customised)).toEqual([{ skuId: SKU_PREMIUM, disabledPlans: [SERVICE_PLAN.yammer.servicePlanId] }]);
  });

  it('moves a user whose Exchange is off beside an Exchange Online Kiosk licence, instead of being refused for exclusive plans', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.kiosk)]);
    expect(outcome.items).toEqual([{ userId: MIXED.kiosk, status: 'done' }]);
    const held = rig.server.state.licenceDetails().get(MIXED.kiosk)!;
    expect(held).toEqual(
      expect.arrayContaining([
        { skuId: SKU_KIOSK, disabledPlans: [] },
        { skuId: SKU_PREMIUM, disabledPlans: [SERVICE_PLAN.exchange.servicePlanId] },
      ]),
    );
    expect(held).toHaveLength(2);
    expect(writesTo(rig.server, MIXED.kiosk).map((w) => w.result)).toEqual(['applied']);
  });

  it('does not write for a licence that comes from a group, and names the group: no refusals three times, never both licences', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.groupOnly), move(MIXED.directAndGroup)]);
    expect(outcome.items).toEqual([
      { userId: MIXED.groupOnly, status: 'skipped', error: 'LICENSED_BY_GROUP', groupIds: [SALES_GROUP] },
      { userId: MIXED.directAndGroup, status: 'skipped', error: 'LICENSED_BY_GROUP', groupIds: [SALES_GROUP] },
    ]);
    expect(rig.server.writes).toEqual([]);
    expect(rig.server.state.licences().get(MIXED.directAndGroup)).toEqual([SKU_STANDARD]);
    expectNobodyUnlicensedOrDouble(rig.server);
  });

  it('checks the usage location before writing: a user without one is skipped with USAGE_LOCATION_MISSING', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.noLocation), move(MIXED.plain[0])]);
    expect(outcome.items).toEqual([
      { userId: MIXED.noLocation, status: 'skipped', error: 'USAGE_LOCATION_MISSING' },
      { userId: MIXED.plain[0], status: 'done' },
    ]);
    expect(writesTo(rig.server, MIXED.noLocation)).toEqual([]);
  });

  it('removes a licence whose plans conflict with the target in the same call, and skips one that a group carries', async () => {
    const seed = mixedGraphTenant();
    // Kai moves from Microsoft 365 Apps for business (no Exchange) to Business Standard beside a Kiosk licence;
    // Paula holds the Kiosk licence through the Field staff group.
    seed.users.find((u) => u.id === MIXED.kiosk)!.assignedLicenses = [{ skuId: SKU_APPS, disabledPlans: [] }, { skuId: SKU_KIOSK, disabledPlans: [] }];
    seed.users.find((u) => u.id === MIXED.plain[0])!.assignedLicenses = [{ skuId: SKU_APPS, disabledPlans: [] }];
    seed.groups!.find((g) => g.id === FIELD_GROUP)!.assignedLicenses = [{ skuId: SKU_KIOSK, disabledPlans: [] }];
    seed.groups!.find((g) => g.id === FIELD_GROUP)!.members = [MIXED.plain[0]];
    rig = await graphRig({ seed });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.kiosk, SKU_APPS, SKU_STANDARD), move(MIXED.plain[0], SKU_APPS, SKU_STANDARD)]);
    expect(outcome.items).toEqual([
      { userId: MIXED.kiosk, status: 'done', alsoRemoved: [SKU_KIOSK] },
      { userId: MIXED.plain[0], status: 'skipped', error: 'CONFLICTING_SERVICE_PLANS', groupIds: [FIELD_GROUP] },
    ]);
    expect(rig.server.state.licences().get(MIXED.kiosk)).toEqual([SKU_STANDARD]);
    expect(rig.server.state.licences().get(MIXED.plain[0])).toEqual([SKU_APPS, SKU_KIOSK].sort());
    expect(KIOSK_PLAN.servicePlanName).toBe('EXCHANGE_S_DESKLESS');
  });

  it('runs a move to the end: refusals in the first batch do not stop the users after it, each user sent at most once', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    const runner = new SwitchRunner({ gateway: rig.gateway, jobs: new InMemoryJobStore(), today: () => '2026-11-21', batchSize: 2 });
    const started = await runner.startMoveUsers({ fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds: ALL, requestedBy: 'admin-object-id' });
    if (!started.ok) throw new Error(started.error.code);
    const result = await runner.run(started.value.id);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.step).toBe('done');
    expect(result.value.notMoved).toEqual([
      { userId: MIXED.groupOnly, status: 'skipped', error: 'LICENSED_BY_GROUP', groupIds: [SALES_GROUP] },
      { userId: MIXED.directAndGroup, status: 'skipped', error: 'LICENSED_BY_GROUP', groupIds: [SALES_GROUP] },
      { userId: MIXED.noLocation, status: 'skipped', error: 'USAGE_LOCATION_MISSING' },
    ]);
    const licences = rig.server.state.licences();
    for (const id of [MIXED.customised, ...MIXED.plain]) expect(licences.get(id), id).toEqual([SKU_PREMIUM]);
    for (const id of ALL) expect(writesTo(rig.server, id).length, id).toBeLessThanOrEqual(1);
    expectNobodyUnlicensedOrDouble(rig.server);
  });

  it('licences running out half-way: the rest are refused NOT_ENOUGH_LICENSES without a write, nothing half-done', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    const { server } = rig;
    // Another admin takes Premium's free licences after our second write.
    server.afterApplied = (applied) => {
      if (applied === 2) server.state.skus.find((s) => s.skuId === SKU_PREMIUM)!.prepaidEnabled = server.state.consumed(SKU_PREMIUM);
    };
    const runner = new SwitchRunner({ gateway: rig.gateway, jobs: new InMemoryJobStore(), today: () => '2026-11-21', batchSize: 3 });
    const users = [MIXED.customised, MIXED.kiosk, ...MIXED.plain];
    const started = await runner.startMoveUsers({ fromSubscriptionId: SKU_STANDARD, toSubscriptionId: SKU_PREMIUM, userIds: users, requestedBy: 'admin-object-id' });
    if (!started.ok) throw new Error(started.error.code);
    const result = await runner.run(started.value.id);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const refused = result.value.notMoved!.map((n) => [n.userId, n.status, n.error]);
    expect(refused).toEqual([MIXED.plain[0], ...MIXED.plain.slice(1)].map((id) => [id, 'refused', 'NOT_ENOUGH_LICENSES']));
    // The batch of three had its third user refused by Graph; later batches saw no free licence and sent nothing.
    expect(server.writes.filter((w) => w.result === 'refused').map((w) => w.userId)).toEqual([MIXED.plain[0]]);
    for (const id of MIXED.plain) expect(server.state.licences().get(id)).toEqual([SKU_STANDARD]);
    expectNobodyUnlicensedOrDouble(server);
  });

  it('after a whole $batch answered 429 it reads the users back before writing again', async () => {
    const clock = new FakeClock();
    rig = await graphRig({ seed: mixedGraphTenant(), clock }, { clock });
    const { server } = rig;
    server.faults.throttleWriteBatches(1);
    const outcome = await rig.gateway.replaceLicences(MIXED.plain.map((id) => move(id)));
    expect(outcome.items.map((i) => i.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(server.batchesThrottled).toHaveLength(1);
    const after = server.log.slice(server.log.findIndex((e) => e.method === 'BATCH'));
    const firstWrite = after.findIndex((e) => e.method === 'POST');
    const readsBefore = after.slice(0, firstWrite).filter((e) => e.method === 'GET' && /^\/v1\.0\/users\/[^/]+$/.test(e.path)).map((e) => e.path.split('/').pop());
    expect(readsBefore.sort()).toEqual([...MIXED.plain].sort());
    for (const id of MIXED.plain) expect(server.state.appliedWrites.get(id)).toBe(1);
    expect(clock.sleeps).toEqual([2_000]);
  });

  it('a user who already has the new licence (from a group, or directly with their own settings) only loses the old one', async () => {
    const seed = mixedGraphTenant();
    seed.groups!.push({ id: 'premium-group', displayName: 'Premium for all', assignedLicenses: [{ skuId: SKU_PREMIUM, disabledPlans: [] }], members: [MIXED.plain[0]] });
    seed.users.find((u) => u.id === MIXED.plain[1])!.assignedLicenses.push({ skuId: SKU_PREMIUM, disabledPlans: [SERVICE_PLAN.teams.servicePlanId] });
    rig = await graphRig({ seed });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.plain[0]), move(MIXED.plain[1])]);
    expect(outcome.items.map((i) => i.status)).toEqual(['done', 'done']);
    const details = rig.server.state.licenceDetails();
    expect(details.get(MIXED.plain[0])).toEqual([{ skuId: SKU_PREMIUM, disabledPlans: [] }]);
    expect(details.get(MIXED.plain[1])).toEqual([{ skuId: SKU_PREMIUM, disabledPlans: [SERVICE_PLAN.teams.servicePlanId] }]);
    expectNobodyUnlicensedOrDouble(rig.server);
  });

  it('a new licence that a group failed to give (CountViolation) does not count as held: the user gets it directly, never left without one', async () => {
    const seed = mixedGraphTenant();
    seed.groups!.push({ id: 'premium-group', displayName: 'Premium for all', assignedLicenses: [{ skuId: SKU_PREMIUM, disabledPlans: [] }], members: [MIXED.plain[0]], inError: [MIXED.plain[0]] });
    rig = await graphRig({ seed });
    const outcome = await rig.gateway.replaceLicences([move(MIXED.plain[0])]);
    expect(outcome.items).toEqual([{ userId: MIXED.plain[0], status: 'done' }]);
    expect(rig.server.state.licences().get(MIXED.plain[0])).toEqual([SKU_PREMIUM]);
    expectNobodyUnlicensedOrDouble(rig.server);
  });

  it('an app without the write permission is refused user by user with ACCESS_DENIED, and the others still move', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    rig.server.denied.add(`/v1.0/users/${MIXED.plain[0]}/assignLicense`);
    const outcome = await rig.gateway.replaceLicences([move(MIXED.plain[0]), move(MIXED.plain[1])]);
    expect(outcome.items).toEqual([
      { userId: MIXED.plain[0], status: 'refused', error: 'ACCESS_DENIED' },
      { userId: MIXED.plain[1], status: 'done' },
    ]);
    expectNobodyUnlicensedOrDouble(rig.server);
  });

  it('sets a missing usage location when the admin chose one, then moves the user; without User.ReadWrite.All the user is refused with that reason', async () => {
    rig = await graphRig({ seed: mixedGraphTenant() });
    const outcome = await rig.gateway.replaceLicences([{ ...move(MIXED.noLocation), setUsageLocation: 'PL' }, { ...move(MIXED.plain[0]), setUsageLocation: 'PL' }]);
    expect(outcome.items).toEqual([
      { userId: MIXED.noLocation, status: 'done' },
      { userId: MIXED.plain[0], status: 'done' },
    ]);
    // Only the user without one got a usage location; each user's licences were written once.
    expect(rig.server.locationsSet).toEqual([{ userId: MIXED.noLocation, usageLocation: 'PL' }]);
    expect(rig.server.state.licences().get(MIXED.noLocation)).toEqual([SKU_PREMIUM]);
    expect(writesTo(rig.server, MIXED.noLocation).map((w) => w.result)).toEqual(['applied']);

    await rig.close();
    rig = await graphRig({ seed: mixedGraphTenant() });
    rig.server.denied.add(`PATCH /v1.0/users/${MIXED.noLocation}`);
    const refused = await rig.gateway.replaceLicences([{ ...move(MIXED.noLocation), setUsageLocation: 'PL' }]);
    expect(refused.items).toEqual([{ userId: MIXED.noLocation, status: 'refused', error: 'USAGE_LOCATION_NOT_ALLOWED' }]);
    expect(rig.server.state.licences().get(MIXED.noLocation)).toEqual([SKU_STANDARD]);
  });
});

